import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import vue from 'eslint-plugin-vue';

export default tseslint.config(
  // tests/fixtures holds data (third-party files copied unmodified among them), not our code.
  { ignores: ['.output/**', '.wxt/**', 'node_modules/**', 'data/**', 'test-results/**', 'playwright-report/**', 'tests/fixtures/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...vue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'vue/multi-word-component-names': 'off',
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
      'no-undef': 'off',
    },
  },
  {
    // House rule: DOM lookups of the host page live only in webmail/<provider>/selectors.ts and
    // the adapter code next to it (CONVENTIONS.md, "The webmail boundary").
    files: ['entrypoints/**', 'components/**', 'features/**', 'stores/**', 'composables/**'],
    rules: {
      'no-restricted-properties': [
        'error',
        { property: 'querySelector', message: 'Host-page lookups belong in webmail/<provider>/.' },
        { property: 'querySelectorAll', message: 'Host-page lookups belong in webmail/<provider>/.' },
      ],
    },
  },
);
