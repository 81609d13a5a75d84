/**
 * Words as the simulator compares them: split (snake_case, camelCase, punctuation), lower-cased,
 * crudely stemmed, and mapped onto a few shared concepts so that "temperature" relates to a weather tool.
 */

export const STOP_WORDS = new Set(
  (
    'a an the and or but if then so of to in on at by for from with without into onto about as is are was were be ' +
    'been being am do does did done have has had having i me my mine we us our you your he him his she her it its ' +
    'they them their this that these those there here what which who whom whose when where why how can could would ' +
    'should will shall may might must please tell give show let lets know like want need just also too very all any ' +
    'some no not yes up down out over again than only own same such both each few more most other e g eg ie etc ' +
    'hi hello hey thanks thank okay ok s t re ve ll d m'
  ).split(' '),
);

/** Words that appear in most tool definitions and so say nothing about which tool fits. */
const GENERIC_WORDS = new Set(
  (
    'get set list find fetch make create current given use using data info information value values name type id ' +
    'string number integer boolean object array result results return returns function tool call calls item items ' +
    'new now optional required default example field parameter param params input output ' +
    // Verbs that start most questions and most function names ("calculate the …"): evidence of nothing.
    'calculate compute determine estimate find retrieve'
  ).split(' '),
);

/** Common verbs and question words that start sentences but are not proper nouns. */
export const SENTENCE_STARTERS = new Set(
  (
    'what who how when where why which whats whos hows is are was were can could would should will do does did ' +
    'please send tell give show find get list check look call book create make run query search extract parse ' +
    'convert compute calculate add remove delete update set schedule remind email mail write draft post buy order ' +
    'pay cancel move copy fetch lookup look i im we you he she it they my our your his her their the a an this that ' +
    'these those there here hi hello hey thanks thank okay ok yes no not and or but if then so also just now today ' +
    'tomorrow yesterday after before since until in on at for from with about of to by count how many much ' +
    'predict estimate determine identify retrieve generate analyze analyse play translate plan recommend suggest ' +
    'locate compare solve measure evaluate'
  ).split(' '),
);

export const MONTHS = [
  'january', 'february', 'march', 'april', 'may', 'june',
  'july', 'august', 'september', 'october', 'november', 'december',
];
export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

/** Concept → the words that name it. A word maps to its concept as well as to itself. */
const CONCEPT_WORDS: Record<string, string[]> = {
  weather: ['weather', 'temperature', 'temp', 'forecast', 'rain', 'raining', 'rainy', 'snow', 'snowing', 'sunny',
    'wind', 'windy', 'humidity', 'humid', 'hot', 'cold', 'warm', 'celsius', 'fahrenheit', 'climate', 'degrees', 'umbrella'],
  email: ['email', 'mail', 'inbox', 'recipient', 'cc', 'bcc'],
  customer: ['customer', 'client', 'revenue', 'buyer', 'account', 'subscriber'],
  extract: ['extract', 'parse', 'structured', 'pull'],
  sql: ['sql', 'query', 'database', 'db', 'table', 'tables', 'select', 'count', 'many', 'total', 'sum', 'average'],
  birth: ['birthday', 'born', 'birth', 'dob', 'birthdate'],
  location: ['location', 'city', 'town', 'country', 'region'],
  time: ['time', 'clock', 'timezone', 'hour'],
  limit: ['limit', 'top', 'first', 'max', 'maximum', 'most', 'count', 'size', 'results'],
  minimum: ['min', 'minimum', 'least', 'over', 'above', 'greater', 'exceed', 'exceeding', 'more'],
  money: ['revenue', 'price', 'cost', 'amount', 'dollar', 'dollars', 'usd', 'eur', 'euro', 'euros', 'sales', 'spend',
    'spent', 'budget', 'salary', 'income', 'money', 'paid'],
};

/** Concepts that describe a parameter's kind rather than what a tool is for: no evidence of relevance. */
export const PARAMETER_CONCEPTS = new Set(['#location', '#limit', '#minimum', '#money']);

/** Splits identifiers and text into lower-case words: `getCurrentWeather` → get, current, weather. */
export function splitWords(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/** A crude suffix stripper: consistent on both sides of a comparison matters more than correctness. */
export function stem(word: string): string {
  let w = word.toLowerCase();
  if (w.length <= 3) return w;
  if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('ing') && w.length > 5) w = undouble(w.slice(0, -3));
  else if (w.endsWith('ed') && w.length > 4) w = undouble(w.slice(0, -2));
  else if (/(?:ch|sh|x|ss|z)es$/.test(w)) w = w.slice(0, -2);
  else if (w.endsWith('s') && !/(?:ss|us|is)$/.test(w)) w = w.slice(0, -1);
  if (w.length > 4 && w.endsWith('e')) w = w.slice(0, -1);
  return w;
}

function undouble(w: string): string {
  return /([b-df-hj-km-np-tv-z])\1$/.test(w) && !/(?:ll|ss|zz)$/.test(w) ? w.slice(0, -1) : w;
}

const CONCEPT_OF = new Map<string, string[]>();
for (const [concept, list] of Object.entries(CONCEPT_WORDS)) {
  for (const word of list) {
    const key = stem(word);
    CONCEPT_OF.set(key, [...(CONCEPT_OF.get(key) ?? []), concept]);
  }
}

/** Stems of the meaningful words: stop words and generic tool words dropped. */
export function keywords(text: string): string[] {
  return splitWords(text)
    .filter((word) => !STOP_WORDS.has(word) && !GENERIC_WORDS.has(word) && !/^\d+$/.test(word))
    .map(stem);
}

/**
 * Keywords plus the concepts they name, prefixed `#` so they never collide with a word. `allWords` keeps
 * stop words, for the few places ("at most 5", "over $10") where they carry the meaning.
 */
export function concepts(text: string, allWords = false): Set<string> {
  const found = new Set<string>();
  const stems = allWords ? splitWords(text).map(stem) : keywords(text);
  for (const word of stems) {
    found.add(word);
    for (const concept of CONCEPT_OF.get(word) ?? []) found.add(`#${concept}`);
  }
  return found;
}
