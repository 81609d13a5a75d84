/** What running the BFCL corpus taught the simulator: numbers named by their parameter, units that are not scales, one call for one question. */
import { describe, expect, it } from 'vitest';
import type { Tool } from '@/lib/wire/chat';
import { simulateCompletion } from './completion';
import { readFacts } from './facts';
import { ask } from './testing/fixtures';

function tool(name: string, description: string, properties: Record<string, object>, required = Object.keys(properties)): Tool {
  return { type: 'function', function: { name, description, parameters: { type: 'object', properties, required } } };
}

function calls(content: string, tools: Tool[]) {
  return (simulateCompletion(ask(content, tools)).choices[0].message.tool_calls ?? []).map((call) => ({
    name: call.function.name,
    args: JSON.parse(call.function.arguments) as Record<string, unknown>,
  }));
}

const QUADRATIC = tool('solve_quadratic', 'Solve a quadratic equation', { a: { type: 'integer' }, b: { type: 'integer' }, c: { type: 'integer' } });

describe('lessons from the BFCL corpus', () => {
  it('gives a number to the parameter whose name is written right before it', () => {
    expect(calls('Solve a quadratic equation where a=2, b=6, and c=5', [QUADRATIC])[0].args).toEqual({ a: 2, b: 6, c: 5 });
    expect(calls('Find the roots where c = -4, a = 3 and b = -11', [QUADRATIC])[0].args).toEqual({ a: 3, b: -11, c: -4 });
  });

  it('reads 300K as kelvin and 5m as metres, $2M and 5k as scaled, 1e-9 as a number', () => {
    const values = (text: string) => readFacts(text).numbers.map((number) => number.value);
    expect(values('from 300K to 400K')).toEqual([300, 400]);
    expect(values('a wire of 5m')).toEqual([5]);
    expect(values('a budget of $2M and a 5k run')).toEqual([2_000_000, 5_000]);
    expect(values('charges of 1e-9 and 2.5E-3')).toEqual([1e-9, 2.5e-3]);
  });

  it('reads `backticked` text as quoted', () => {
    expect(readFacts('Retrieve the sequence with id `DNA123`').quoted).toEqual(['DNA123']);
  });

  it('makes one call from one place to another, not one per place', () => {
    const route = tool('get_distance', 'Driving distance between two cities', { start_location: { type: 'string' }, end_location: { type: 'string' } });
    expect(calls('Find the driving distance between New York City and Washington', [route])).toEqual([
      { name: 'get_distance', args: { start_location: 'New York City', end_location: 'Washington' } },
    ]);
  });

  it('calls one of several tools about the same thing, and two tools when the message asks two things', () => {
    const heron = tool('triangle_area_heron', 'Area of a triangle from its three sides', { side1: { type: 'number' }, side2: { type: 'number' }, side3: { type: 'number' } });
    const base = tool('triangle_area_base_height', 'Area of a triangle from its base and height', { base: { type: 'number' }, height: { type: 'number' } });
    const circle = tool('circle_area', 'Area of a circle', { radius: { type: 'number' } });
    expect(calls('Calculate the area of a triangle, given the lengths of its three sides: 3, 4, and 5.', [heron, base, circle]).map((call) => call.name)).toEqual([
      'triangle_area_heron',
    ]);
    expect(calls('Calculate the area of a triangle with base 3 and height 4, and the area of a circle of radius 2', [heron, base, circle]).map((call) => call.name)).toEqual(
      expect.arrayContaining(['circle_area']),
    );
  });

  it('does not call a tool for a shared verb alone ("calculate …")', () => {
    const tax = tool('calculate_sales_tax', 'Calculate the sales tax on a purchase', { amount: { type: 'number' } });
    expect(calls('Calculate the area of a circle with radius 3', [tax])).toEqual([]);
    expect(calls('Calculate the sales tax on a purchase of $40', [tax])).toEqual([{ name: 'calculate_sales_tax', args: { amount: 40 } }]);
  });

  it('makes one call per group of numbers when the message gives several calls’ numbers, alike', () => {
    const factorial = tool('math_factorial', 'Calculate the factorial of a number', { number: { type: 'integer' } });
    expect(calls('Find the factorial of 5,10 and 15.', [factorial]).map((call) => call.args)).toEqual([{ number: 5 }, { number: 10 }, { number: 15 }]);
    const bmi = tool('calculate_bmi', 'Body mass index', { height: { type: 'number', description: 'in feet' }, weight: { type: 'integer', description: 'in kg' } });
    expect(calls('Calculate the body mass index for a person who is 6 feet tall and weighs 80 kg, also for a person who is 5.6 feet and weighs 60 kg.', [bmi]).map((call) => call.args)).toEqual([
      { height: 6, weight: 80 },
      { height: 5.6, weight: 60 },
    ]);
    const price = tool('predict_house_price', 'Predict a house price', { location: { type: 'string' }, size: { type: 'integer' } });
    expect(calls('Predict house price for a house of size 3000 sq ft. in location New York and 4000 sq ft. in Los Angeles', [price]).map((call) => call.args)).toEqual([
      { location: 'New York', size: 3000 },
      { location: 'Los Angeles', size: 4000 },
    ]);
  });

  it('keeps numbers that are not alike, or that fill an array, in one call', () => {
    const booking = tool('book_table', 'Book a table at a restaurant', { restaurant: { type: 'string' }, party_size: { type: 'integer' } });
    expect(calls('Book a table at Luigi for 4 people (table 12 if possible)', [booking])).toHaveLength(1);
    const histogram = tool('create_histogram', 'Create a histogram', { data: { type: 'array', items: { type: 'integer' } }, bins: { type: 'integer' } });
    expect(calls('Create a histogram for student scores with the following data: 85, 90, 88, 92 and set bins to 5.', [histogram])).toHaveLength(1);
  });

  it('reads "Seattle, Washington" as one place, "Paris, Rome and Oslo" as three', () => {
    expect(readFacts('What is the humidity in Seattle, Washington?').lists).toEqual([]);
    expect(readFacts('Weather in Paris, Rome and Oslo').lists).toEqual([['Paris', 'Rome', 'Oslo']]);
  });

  it('fills arrays of numbers from the lists the message writes in brackets, each list once', () => {
    const numbers = { type: 'array', items: { type: 'number' } };
    const ttest = tool('two_sample_t_test', 'Run a two-sample t-test', { group1: numbers, group2: numbers, alpha: { type: 'number' } });
    expect(calls('Run a two sample T-test to compare Group A [3, 4, 5, 6, 4] and Group B [7, 8, 9, 8, 7] with alpha 0.05', [ttest])[0].args).toEqual({
      group1: [3, 4, 5, 6, 4],
      group2: [7, 8, 9, 8, 7],
      alpha: 0.05,
    });
    const slope = tool('calculate_slope', 'Slope between two points', { point1: numbers, point2: numbers });
    expect(calls('Calculate the slope between the points A(3,4) and B(1,2)', [slope])[0].args).toEqual({ point1: [3, 4], point2: [1, 2] });
  });

  it('makes one call for the two sides "between" names', () => {
    const cases = tool('find_court_case', 'Find the latest court case between two companies', { company1: { type: 'string' }, company2: { type: 'string' }, country: { type: 'string' } });
    expect(calls('Find the latest court case between Apple and Samsung in the USA.', [cases])).toHaveLength(1);
  });
});
