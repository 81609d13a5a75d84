/**
 * Deterministic scenarios for the share-link and long-conversation benchmarks: a set of realistic tools
 * (the guide's weather tool and nine more of the kind people try) and a conversation of a given length
 * made of function-calling turns (user → assistant tool calls → one tool result per call → answer) and
 * plain turns (user → answer), in the scenario format of lib/scenario/scenario.ts.
 */

import { requireTs } from './ts-require.mjs';

const { WEATHER_TOOL } = requireTs('lib/scenario/base.ts');

const string = (description, extra = {}) => ({ type: 'string', description, ...extra });
const tool = (name, description, properties, required) => ({
  type: 'function',
  function: { name, description, parameters: { type: 'object', properties, required } },
});

/** Ten tools; the first is the guide's get_current_weather, verbatim. */
export const TEN_TOOLS = [
  WEATHER_TOOL,
  tool('get_forecast', 'Get the weather forecast for the next days', {
    location: string('The city and state, e.g. Boston, MA'),
    days: { type: 'integer', minimum: 1, maximum: 14, description: 'How many days ahead' },
  }, ['location', 'days']),
  tool('search_flights', 'Search one-way flights between two airports on a date', {
    origin: string('IATA code of the departure airport, e.g. JFK'),
    destination: string('IATA code of the arrival airport, e.g. SFO'),
    date: string('Departure date', { format: 'date' }),
    cabin: { type: 'string', enum: ['economy', 'premium_economy', 'business', 'first'] },
  }, ['origin', 'destination', 'date']),
  tool('book_hotel', 'Book a hotel room', {
    city: string('City of the hotel'),
    check_in: string('Check-in date', { format: 'date' }),
    nights: { type: 'integer', minimum: 1 },
    guests: { type: 'integer', minimum: 1, maximum: 8 },
  }, ['city', 'check_in', 'nights']),
  tool('convert_currency', 'Convert an amount between two currencies at today\'s rate', {
    amount: { type: 'number' },
    from: string('ISO 4217 code, e.g. USD'),
    to: string('ISO 4217 code, e.g. EUR'),
  }, ['amount', 'from', 'to']),
  tool('get_stock_price', 'Get the latest price of a stock', { symbol: string('Ticker symbol, e.g. AAPL') }, ['symbol']),
  tool('send_email', 'Send an e-mail', {
    to: string('Recipient address', { format: 'email' }),
    subject: string('Subject line'),
    body: string('Plain-text body'),
  }, ['to', 'subject', 'body']),
  tool('create_calendar_event', 'Create an event in the user\'s calendar', {
    title: string('Event title'),
    start: string('Start, ISO 8601 date-time', { format: 'date-time' }),
    duration_minutes: { type: 'integer', minimum: 5 },
    attendees: { type: 'array', items: { type: 'string', format: 'email' } },
  }, ['title', 'start']),
  tool('search_restaurants', 'Find restaurants near a place', {
    location: string('Neighbourhood or address'),
    cuisine: string('e.g. italian, thai'),
    price: { type: 'string', enum: ['$', '$$', '$$$', '$$$$'] },
  }, ['location']),
  tool('get_time_zone', 'Get the time zone and local time of a city', { city: string('City name') }, ['city']),
];

const CITIES = ['New York, NY', 'San Francisco, CA', 'Chicago, IL', 'Boston, MA', 'Seattle, WA', 'Austin, TX', 'Denver, CO', 'Miami, FL'];

/** Arguments and a result for call `n` of a tool: varied, deterministic, schema-valid. */
function callFor(toolDef, n) {
  const name = toolDef.function.name;
  const city = CITIES[n % CITIES.length];
  switch (name) {
    case 'get_current_weather':
      return [{ location: city, unit: 'celsius' }, { temperature: 12 + (n % 15), unit: 'celsius', description: ['Sunny', 'Foggy', 'Partly cloudy', 'Rain'][n % 4] }];
    case 'get_forecast':
      return [{ location: city, days: 1 + (n % 7) }, { days: [{ high: 20, low: 11, description: 'Clear' }, { high: 18, low: 10, description: 'Showers' }] }];
    case 'search_flights':
      return [{ origin: 'JFK', destination: 'SFO', date: `2025-0${1 + (n % 9)}-1${n % 10}`, cabin: 'economy' }, { flights: [{ number: `UA${100 + n}`, departs: '08:05', arrives: '11:32', price_usd: 189 + n }] }];
    case 'book_hotel':
      return [{ city: city.split(',')[0], check_in: '2025-06-12', nights: 1 + (n % 5), guests: 2 }, { confirmation: `HX${4000 + n}`, total_usd: 240 + 10 * n }];
    case 'convert_currency':
      return [{ amount: 100 + n, from: 'USD', to: 'EUR' }, { amount: Number(((100 + n) * 0.92).toFixed(2)), currency: 'EUR', rate: 0.92 }];
    case 'get_stock_price':
      return [{ symbol: ['AAPL', 'MSFT', 'NVDA', 'GOOG'][n % 4] }, { price: 180 + n, currency: 'USD', change_percent: 0.4 }];
    case 'send_email':
      return [{ to: `alex${n}@example.com`, subject: 'Trip plan', body: 'Flights and hotel are booked; details attached.' }, { sent: true, id: `msg_${n}` }];
    case 'create_calendar_event':
      return [{ title: 'Flight to SFO', start: '2025-06-12T08:05:00-04:00', duration_minutes: 327, attendees: [`alex${n}@example.com`] }, { created: true, id: `evt_${n}` }];
    case 'search_restaurants':
      return [{ location: 'Mission District, San Francisco', cuisine: 'thai', price: '$$' }, { results: [{ name: 'Basil Canteen', rating: 4.5 }, { name: 'Kin Khao', rating: 4.6 }] }];
    default:
      return [{ city: city.split(',')[0] }, { time_zone: 'America/New_York', local_time: '14:05' }];
  }
}

/**
 * A conversation of exactly `messages` messages holding exactly `toolCalls` tool calls: `callTurns`
 * function-calling turns of `toolCalls / callTurns` parallel calls each, the rest plain turns, mixed
 * evenly. Ends with an assistant answer, so the person can send the next message.
 */
export function conversation({ messages, toolCalls, callTurns, tools = TEN_TOOLS }) {
  const perTurn = toolCalls / callTurns;
  const plainTurns = (messages - toolCalls - 3 * callTurns) / 2;
  if (!Number.isInteger(perTurn) || !Number.isInteger(plainTurns) || plainTurns < 0) {
    throw new Error(`cannot make ${messages} messages with ${toolCalls} calls in ${callTurns} turns`);
  }
  const out = [];
  let call = 0;
  const turns = callTurns + plainTurns;
  for (let t = 0, madeCallTurns = 0; t < turns; t++) {
    // Spread the function-calling turns evenly among the plain ones.
    const wantCalls = Math.floor(((t + 1) * callTurns) / turns) > madeCallTurns;
    if (wantCalls) {
      madeCallTurns += 1;
      const calls = Array.from({ length: perTurn }, () => {
        const def = tools[call % tools.length];
        const [args, result] = callFor(def, call);
        const id = `call_${String(call).padStart(4, '0')}_${def.function.name.slice(0, 6)}`;
        call += 1;
        return { id, name: def.function.name, args, result };
      });
      out.push({ role: 'user', content: `Turn ${t + 1}: please use ${calls.map((c) => c.name).join(', ')} for ${CITIES[t % CITIES.length]}.` });
      out.push({
        role: 'assistant',
        content: null,
        tool_calls: calls.map((c) => ({ id: c.id, type: 'function', function: { name: c.name, arguments: JSON.stringify(c.args) } })),
      });
      for (const c of calls) out.push({ role: 'tool', tool_call_id: c.id, content: JSON.stringify(c.result) });
      out.push({ role: 'assistant', content: `Here is what I found for turn ${t + 1}: ${calls.map((c) => `${c.name} answered ${JSON.stringify(c.result).slice(0, 60)}`).join('; ')}.` });
    } else {
      out.push({ role: 'user', content: `Turn ${t + 1}: can you summarise what we have so far in one sentence?` });
      out.push({ role: 'assistant', content: `So far (turn ${t + 1}) we have checked the weather, flights, hotels and the rest; nothing is booked that you did not approve.` });
    }
  }
  if (out.length !== messages || call !== toolCalls) throw new Error(`built ${out.length} messages / ${call} calls`);
  return out;
}

/** A scenario in lib/scenario/scenario.ts's format (version 1), with a draft ready to send. */
export function scenarioWith({ name, tools = TEN_TOOLS, messages, draft = 'And what is the weather in Denver, CO?' }) {
  const mocks = Object.fromEntries(tools.map((t, i) => [t.function.name, JSON.stringify(callFor(t, i)[1])]));
  return {
    version: 1,
    name,
    model: 'offline-simulator',
    system: 'You are a helpful assistant that can access external functions. The responses from these function calls will be appended to this dialogue. Please provide responses based on the information from these function calls.',
    tools,
    tool_choice: 'auto',
    parallel_tool_calls: true,
    temperature: null,
    max_tokens: null,
    mocks,
    messages,
    draft,
  };
}
