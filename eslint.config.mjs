// Lint: typescript-eslint's recommended rules, and the architecture as import rules — the engine's
// layers point one way (yaml → schema/model → catalog → flows → rules → features/render), nothing
// outside the engine reaches past its door (engine/index.ts), and no module imports itself back.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import importX from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

const ENGINE = './server/src/engine';
const LAYERS = ['yaml', 'schema', 'model', 'catalog', 'flows', 'rules', 'features', 'render', 'import', 'lab'];
/**
 * What each layer may not import: the layers after it, and the orchestrators above them all;
 * verify (a dump checked in place of a firewall's rules) sits on top, beside check.ts.
 */
const LATER = {
  yaml: ['schema', 'model', 'catalog', 'flows', 'rules', 'features', 'render', 'import', 'lab', 'verify'],
  schema: ['model', 'catalog', 'flows', 'rules', 'features', 'render', 'import', 'lab', 'verify'],
  model: ['schema', 'catalog', 'flows', 'rules', 'features', 'render', 'import', 'lab', 'verify'],
  catalog: ['flows', 'rules', 'features', 'render', 'import', 'lab', 'verify'],
  flows: ['rules', 'features', 'render', 'import', 'lab', 'verify'],
  rules: ['features', 'render', 'import', 'lab', 'verify'],
  features: ['render', 'import', 'lab', 'verify'],
  render: ['features', 'import', 'lab', 'verify'],
  // The XML import writes a topology file: it sits on top and nothing in the pipeline reads it.
  import: ['lab', 'verify'],
  // The lab plan reads the flows and the nftables export; nothing in the engine needs the lab.
  lab: ['features', 'import', 'verify'],
};
const ORCHESTRATORS = ['index.ts', 'check.ts', 'fix.ts', 'analysis.ts'].map((file) => `${ENGINE}/${file}`);

const layerZones = LAYERS.map((layer) => ({
  target: `${ENGINE}/${layer}`,
  from: [...LATER[layer].map((later) => `${ENGINE}/${later}`), ...ORCHESTRATORS],
  message: `The ${layer} layer comes before these: move the shared piece down a layer instead.`,
}));
layerZones.push({
  target: `${ENGINE}/verify`,
  from: [`${ENGINE}/index.ts`],
  message: 'verify is behind the door too: import the module itself, not engine/index.ts.',
});

const doorZones = [
  {
    target: [
      './server/src/cli',
      './server/src/lsp',
      './server/src/lab',
      './server/src/*.ts',
      './client/src/!(webview)/**',
      './client/src/*.ts',
      './test',
    ],
    from: ENGINE,
    except: ['./index.ts'],
    message: 'Import the engine through its door, server/src/engine/index.ts.',
  },
  {
    // The webview bundle draws the diagram in the browser: the renderer alone, not the engine.
    target: './client/src/webview',
    from: ENGINE,
    except: ['./render/diagram', './index.ts'],
    message: 'The webview imports only engine/render/diagram (and types through the door).',
  },
];

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'node_modules/**',
      '.cache/**',
      '.vscode-test/**',
      'test/fixtures/**',
      'test-artifacts/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver': { node: { extensions: ['.ts', '.js', '.json'] } } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-self-import': 'error',
      'import-x/no-duplicates': 'error',
      'import-x/no-restricted-paths': ['error', { zones: [...layerZones, ...doorZones] }],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
  {
    // CommonJS scripts that VS Code's test runner starts as programs.
    files: ['**/*.js'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { require: 'readonly', module: 'writable', __dirname: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  prettier,
  {
    // Prettier wraps code at 120 but leaves long strings, templates and comments whole; this holds them to it too.
    // It comes after eslint-config-prettier, which turns max-len off.
    rules: { 'max-len': ['error', { code: 120, ignoreUrls: true, ignoreRegExpLiterals: true }] },
  },
  {
    // Past 400 lines a module holds more than one concept: split it by concern.
    files: ['server/src/**/*.ts', 'client/src/**/*.ts'],
    rules: { 'max-lines': ['error', { max: 400 }] },
  },
);
