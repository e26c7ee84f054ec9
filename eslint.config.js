import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules', 'web/dist', 'data', '.test-data', 'bin'] },
  js.configs.recommended,
  { files: ['**/*.mjs', 'bin/**/*.js'], languageOptions: { globals: globals.node } },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/ban-ts-comment': 'error',
      'no-warning-comments': ['error', { terms: ['fixme', 'xxx'], location: 'start' }],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['../*/internal/*', '../../*/internal/*'],
              message: 'Import a context through its index.ts.',
            },
          ],
        },
      ],
    },
  },
);
