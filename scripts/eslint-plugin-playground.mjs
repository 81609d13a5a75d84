/**
 * The project's own ESLint rules (plugin name `playground`), for the two layer promises that no stock
 * rule states: server modules mark themselves server-only, and app code does not read the environment.
 * Used by eslint.config.mjs; each rule is shown to fire in scripts/lint-rules.slow.test.ts.
 */

/** True for `process.env`, `process['env']` and `globalThis.process.env`. */
function isProcessEnv(node) {
  if (node.type !== 'MemberExpression') return false;
  const property = node.computed ? node.property.type === 'Literal' && node.property.value : !node.computed && node.property.name;
  if (property !== 'env') return false;
  const object = node.object;
  if (object.type === 'Identifier') return object.name === 'process';
  return (
    object.type === 'MemberExpression' &&
    !object.computed &&
    object.property.name === 'process' &&
    object.object.type === 'Identifier' &&
    object.object.name === 'globalThis'
  );
}

/** The name read from `process.env` by this member access (`.X` or `['X']`), or null when computed. */
function memberName(node) {
  if (!node.computed) return node.property.name;
  return node.property.type === 'Literal' && typeof node.property.value === 'string' ? node.property.value : null;
}

const noProcessEnv = {
  meta: {
    type: 'problem',
    docs: { description: 'App code does not read the environment; only lib/server (and app/api) do.' },
    schema: [
      {
        type: 'object',
        properties: { names: { type: 'array', items: { type: 'string' }, uniqueItems: true } },
        additionalProperties: false,
      },
    ],
    messages: {
      any: 'App code does not read process.env: the server reads its environment once, in lib/server/env.ts.',
      named: '{{name}} is read only in lib/server (and app/api): nothing else may see the key.',
      importEnv: 'App code does not read the environment (`env` from "{{source}}"): the server reads it in lib/server/env.ts.',
    },
  },
  create(context) {
    const names = context.options[0]?.names;
    const restricted = (name) => (names ? name !== null && names.includes(name) : true);
    return {
      MemberExpression(node) {
        if (!isProcessEnv(node)) return;
        const parent = node.parent;
        if (!names) {
          context.report({ node, messageId: 'any' });
          return;
        }
        // process.env.X / process.env['X']; a computed name we cannot read is reported as if it were the key.
        if (parent.type === 'MemberExpression' && parent.object === node) {
          const name = memberName(parent);
          if (name === null || restricted(name)) context.report({ node: parent, messageId: 'named', data: { name: name ?? 'process.env[…]' } });
          return;
        }
        // const { X } = process.env
        if (parent.type === 'VariableDeclarator' && parent.init === node && parent.id.type === 'ObjectPattern') {
          for (const property of parent.id.properties) {
            const name = property.type === 'Property' && !property.computed && property.key.type === 'Identifier' ? property.key.name : null;
            if (property.type === 'RestElement' || restricted(name)) {
              context.report({ node: property, messageId: 'named', data: { name: name ?? '...rest' } });
            }
          }
        }
      },
      ImportDeclaration(node) {
        if (names || (node.source.value !== 'process' && node.source.value !== 'node:process')) return;
        for (const specifier of node.specifiers) {
          if (specifier.type === 'ImportSpecifier' && (specifier.imported.name ?? specifier.imported.value) === 'env') {
            context.report({ node: specifier, messageId: 'importEnv', data: { source: node.source.value } });
          }
        }
      },
    };
  },
};

const serverOnlyFirst = {
  meta: {
    type: 'problem',
    docs: { description: "A lib/server module starts with `import 'server-only'`, so a client import of it fails the build." },
    schema: [],
    fixable: 'code',
    messages: {
      missing: "A lib/server module starts with `import 'server-only';` (before any other statement), so that importing it from client code fails the build.",
    },
  },
  create(context) {
    return {
      Program(program) {
        const first = program.body[0];
        const ok =
          first?.type === 'ImportDeclaration' && first.source.value === 'server-only' && first.specifiers.length === 0 && first.importKind !== 'type';
        if (ok) return;
        context.report({
          node: first ?? program,
          messageId: 'missing',
          fix: first ? (fixer) => fixer.insertTextBefore(first, "import 'server-only';\n") : null,
        });
      },
    };
  },
};

const plugin = {
  meta: { name: 'playground' },
  rules: { 'no-process-env': noProcessEnv, 'server-only-first': serverOnlyFirst },
};

export default plugin;
