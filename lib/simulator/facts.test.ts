/** Reading facts out of a message: the raw material of argument filling. */
import { describe, expect, it } from 'vitest';
import { readFacts } from './facts';
import { buildSelect } from './sql';

describe('readFacts', () => {
  it('finds proper nouns and the list they form, keeping state codes with their city', () => {
    const facts = readFacts('What is the weather in San Francisco, CA, Rio de Janeiro and Chicago?');
    expect(facts.properNouns.map((noun) => noun.text)).toEqual(['San Francisco, CA', 'Rio de Janeiro', 'Chicago']);
    expect(facts.lists).toEqual([['San Francisco, CA', 'Rio de Janeiro', 'Chicago']]);
  });

  it('does not take sentence-initial words, months, or a lone capital for names', () => {
    expect(readFacts('Send it to Bob. Weather in May at 20 °F?').properNouns.map((noun) => noun.text)).toEqual(['Bob']);
    expect(readFacts('Paris or Rome?').lists).toEqual([['Paris', 'Rome']]);
  });

  it('reads e-mail addresses, ISO and written dates, date-times and times', () => {
    const facts = readFacts('Mail bob@example.org and a.b@x.co on 12 March 2024, then 2024-05-01T09:30:00+0200 at 5:30pm; not 2024-02-30');
    expect(facts.emails).toEqual(['bob@example.org', 'a.b@x.co']);
    expect(facts.dates).toEqual(['2024-05-01', '2024-03-12']);
    expect(facts.dateTimes).toEqual(['2024-05-01T09:30:00+02:00']);
    expect(facts.times).toEqual(['17:30:00']);
  });

  it('reads numbers with their scale and the words around them, not those inside dates or addresses', () => {
    const facts = readFacts('top 5 clients over $10,000 or 2.5k, since 2020-01-01, mail x9@y.com, ten more');
    expect(facts.numbers.map((n) => [n.value, n.spelled])).toEqual([[5, false], [10000, false], [2500, false], [10, true]]);
    expect(facts.numbers[0].context.has('#limit')).toBe(true);
    expect(facts.numbers[1].context.has('#money')).toBe(true);
  });

  it('reads quoted strings, the body after "saying", and the topic after "about"', () => {
    expect(readFacts('Email bob@x.com saying "Lunch at noon?"').body).toBe('Lunch at noon?');
    expect(readFacts('Write to ann@x.com: the build is green.').body).toBe('the build is green');
    expect(readFacts("Search for 'blue whales' about ocean life").quoted).toEqual(['blue whales']);
    expect(readFacts('Tell me about ocean life.').topic).toBe('ocean life');
  });
});

describe('buildSelect', () => {
  const sql = (text: string, toolText = '') => buildSelect(readFacts(text), toolText);

  it('counts, sums and averages over the table the question names', () => {
    expect(sql('How many users registered this week?')).toBe("SELECT COUNT(*) AS count FROM users WHERE registered_at >= date_trunc('week', CURRENT_DATE);");
    expect(sql('How many users signed up this week?')).toBe("SELECT COUNT(*) AS count FROM users WHERE created_at >= date_trunc('week', CURRENT_DATE);");
    expect(sql('What is the total revenue of invoices since 2024-01-01?')).toBe("SELECT SUM(revenue) AS sum FROM invoices WHERE created_at >= DATE '2024-01-01';");
    expect(sql('Average price of products')).toBe('SELECT AVG(price) AS avg FROM products;');
  });

  it('prefers a table the tool description defines', () => {
    expect(sql('How many purchases last 30 days?', 'Tables: orders(id, created_at), customers(id)')).toBe(
      "SELECT COUNT(*) AS count FROM purchases WHERE created_at >= CURRENT_DATE - INTERVAL '30 days';",
    );
    expect(sql('Show customers from yesterday', 'Tables: orders(id), customers(id, created_at)')).toBe(
      "SELECT * FROM customers WHERE created_at >= CURRENT_DATE - INTERVAL '1 day' AND created_at < CURRENT_DATE LIMIT 100;",
    );
  });
});
