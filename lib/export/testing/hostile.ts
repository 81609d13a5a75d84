/**
 * Scenarios with hostile text in every string an export writes, and their plain twins (the same shape,
 * harmless strings), for the export's injection tests. The scenarios are built directly, not read through
 * restoreScenario: the export must be safe for anything it is handed, including names restore would
 * refuse. Test-only.
 */
import { join } from 'node:path';
import type { ChatMessage } from '@/lib/wire/chat';
import type { Scenario } from '@/lib/scenario/scenario';
import { fixedMock } from '@/lib/mocks/mock';

/**
 * An attack on each language and place a string can land in; each, if it ever ran, would create a file
 * in `dir` named after it (so a failure names the attack that worked). With HOME set to `dir`, the first
 * is the issue's own example.
 */
export function attacks(dir: string): string[] {
  const file = (name: string) => join(dir, name);
  return [
    'x\ntouch $HOME/PWNED\n#',
    `\ntouch ${file('newline')}\n#`,
    `$(touch ${file('subst')})`,
    `\`touch ${file('backtick')}\``,
    `'$(touch ${file('single')})'`,
    `"$(touch ${file('double')})"`,
    `\nJSON\ntouch ${file('heredoc')}\n`,
    `\r\nJSON\r\ntouch ${file('heredoc-crlf')}\r\n`,
    `"""+__import__("os").system("touch ${file('py-triple')}")+"""`,
    `'''+__import__('os').system('touch ${file('py-triple-single')}')+'''`,
    `'+__import__('os').system('touch ${file('py-single')}')+'`,
    `"+__import__("os").system("touch ${file('py-double')}")+"`,
    `{__import__('os').system('touch ${file('py-format')}')}`,
    `\\"+__import__("os").system("touch ${file('py-escaped')}")#`,
    `*/ require('fs').writeFileSync('${file('js-block')}', '') /*`,
    `\${require('fs').writeFileSync('${file('js-template')}', '')}`,
    `\`+require('fs').writeFileSync('${file('js-backtick')}', '')+\``,
    `\u2028require('fs').writeFileSync('${file('js-separator')}', '')//`,
    `\u2029require('fs').writeFileSync('${file('js-paragraph')}', '')//`,
    `\r\nrequire('fs').writeFileSync('${file('crlf')}', '');\r\n`,
    `\\u0022; touch ${file('escape')} #`,
    '-*- coding: utf-7 -*-',
    'quotes \' " ` ‘ ’ “ ” « » ＂',
    'NUL\u0000after, bell\u0007, escape\u001b[31m, NEL\u0085, BOM\ufeff, RLO\u202e, LRI\u2066, ZWJ\u200d',
  ];
}

/** Every attack in one string, labelled, so each field carries all of them. */
export function hostileText(dir: string): (label: string) => string {
  const all = attacks(dir).join(' | ');
  return (label) => `${label}: ${all}`;
}

/** The twin's strings: unique and harmless, so the programs differ only in what their literals hold. */
export const plainText = (label: string): string => `plain ${label.replace(/\W+/g, '_')}`;

/** An object with an own, enumerable `__proto__` property, as JSON.parse makes it. */
export function withProto<T extends object>(object: T, value: unknown): T {
  return Object.defineProperty({ ...object }, '__proto__', { value, enumerable: true, writable: true, configurable: true });
}

/**
 * A scenario with `t(label)` in every string: names, ids, arguments, prompts, messages, mock results, the
 * model id; a tool parameter and a mock named `__proto__`. `finished`: replayed from its last question
 * (two recorded calls, one with JSON arguments and one without, and an answer); else a fresh question
 * with no calls yet (the curl script then lists the mocks in a comment).
 */
export function hostileScenario(t: (label: string) => string, finished: boolean): Scenario {
  const toolName = t('tool name');
  const properties = withProto({ [t('property')]: { type: 'string', description: t('property description'), enum: [t('enum')] } }, { type: 'string' });
  const args = JSON.stringify(withProto({ [t('argument key')]: t('argument value') }, { [t('nested key')]: [t('nested value')] }));
  const messages: ChatMessage[] = [
    { role: 'user', content: [{ type: 'text', text: t('earlier question') }] },
    { role: 'assistant', content: t('earlier answer') },
    { role: 'user', content: t('question') },
    {
      role: 'assistant',
      content: t('thinking'),
      tool_calls: [
        { id: t('call id 1'), type: 'function', function: { name: toolName, arguments: args } },
        { id: t('call id 2'), type: 'function', function: { name: t('invented function'), arguments: t('raw arguments') } },
      ],
    },
    { role: 'tool', tool_call_id: t('call id 1'), content: t('result 1') },
    { role: 'tool', tool_call_id: t('call id 2'), content: [{ type: 'text', text: t('result 2') }] },
    { role: 'assistant', content: t('answer') },
  ];
  return {
    version: 2,
    name: t('name'),
    model: t('model'),
    system: t('system'),
    tools: [
      {
        type: 'function',
        function: {
          name: toolName,
          description: t('tool description'),
          parameters: { type: 'object', properties, required: [t('property')] },
        },
      },
    ],
    tool_choice: { type: 'function', function: { name: toolName } },
    parallel_tool_calls: false,
    temperature: 0.5,
    max_tokens: 100,
    mocks: withProto({ [toolName]: fixedMock(t('mock')) }, fixedMock(t('proto mock'))),
    result_schemas: {},
    messages: finished ? messages : [],
    draft: finished ? '' : t('draft'),
    results: { [t('typed call id')]: t('typed result') },
    inspector: [],
  };
}

/** The calls a scripted model makes in a run: a recorded one, one with invalid JSON, and names that are Object.prototype's. */
export function liveCalls(t: (label: string) => string): Array<{ name: string; args: string }> {
  const recorded = hostileScenario(t, true).messages[3];
  const [first, second] = recorded.role === 'assistant' ? recorded.tool_calls! : [];
  return [
    { name: first.function.name, args: first.function.arguments },
    { name: second.function.name, args: second.function.arguments },
    { name: 'constructor', args: '{}' },
    { name: '__proto__', args: '{}' },
    { name: 'toString', args: '{}' },
  ];
}

/**
 * What the stubs must answer to liveCalls, in order: the recorded results (finished) or else the mock and
 * no such function; then no such function, the `__proto__` mock, no such function.
 */
export function liveResults(t: (label: string) => string, finished: boolean): Array<string | { error: string }> {
  const recorded = finished ? [t('result 1'), t('result 2')] : [t('mock'), { error: `no function named ${t('invented function')}` }];
  return [...recorded, { error: 'no function named constructor' }, t('proto mock'), { error: 'no function named toString' }];
}

/** A curl script's command lines, as bash reads them: without comments, blank lines and the bodies of quoted heredocs. */
export function curlCommands(script: string): string[] {
  const commands: string[] = [];
  let heredoc: string | null = null;
  for (const line of script.split('\n')) {
    if (heredoc !== null) {
      if (line === heredoc) heredoc = null;
      continue;
    }
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    commands.push(line);
    heredoc = /<<'([A-Za-z_]+)'$/.exec(line)?.[1] ?? null;
  }
  return commands;
}
