import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'out/**', '.vscode-test/**', 'test/fixtures/**', 'test/.output/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'smart'],
      curly: ['error', 'multi-line'],
    },
  },
  {
    // The core is plain TypeScript at the bottom of the dependency graph: no VS Code, no git, no
    // webview protocol (the protocol imports the core's view types, never the other way round).
    // scripts/architecture.js checks the rest of ARCHITECTURE.md (rooms, circles, file sizes).
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: ['vscode', 'simple-git'], patterns: ['**/src/vscode', '**/src/vscode/**', '../../vscode', '../../vscode/**', '../vscode', '../vscode/**', '../../git', '../../git/**', '../git', '../git/**', '../../protocol', '../../protocol/**', '../protocol', '../protocol/**', '../../cli', '../../cli/**', '../cli', '../cli/**'] },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable', process: 'readonly', console: 'readonly', __dirname: 'readonly', Buffer: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
