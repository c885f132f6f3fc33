// @vitest-environment node
/**
 * No English a person reads is written straight into a component: it comes from the locales
 * through `t()`. The detector is a heuristic, so it is first shown to catch and to spare samples.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { untranslatedIn } from './untranslated';

const sfc = (template: string, script = '') => `<script setup lang="ts">\n${script}\n</script>\n<template>\n${template}\n</template>\n`;
const texts = (source: string) => untranslatedIn(source).map((f) => f.text);

describe('the detector', () => {
  it.each([
    ['a text node', sfc('<p>Loading your accounts</p>'), 'Loading your accounts'],
    ['a single word', sfc('<button>Save</button>'), 'Save'],
    ['a visible attribute', sfc('<button title="Close the dialog">{{ t(\'x.close\') }}</button>'), 'Close the dialog'],
    ['an aria-label', sfc('<nav aria-label="Main menu"></nav>'), 'Main menu'],
    ['a literal in an interpolation', sfc("<p>{{ busy ? 'Saving' : t('x.save') }}</p>"), 'Saving'],
    ['a literal in a bound visible attribute', sfc('<input :placeholder="wide ? \'Search everything\' : t(\'x.s\')" />'), 'Search everything'],
    ['a sentence in the script', sfc('<p>{{ error }}</p>', "const error = ref('Something went wrong.');"), 'Something went wrong.'],
    ['a sentence in a template string', sfc('<p>{{ m }}</p>', 'const m = computed(() => `Filed to ${name} just now`);'), 'Filed to '],
    ['a French sentence', sfc('<p>Aucun compte trouvé</p>'), 'Aucun compte trouvé'],
  ])('catches %s', (_what, source, text) => {
    expect(texts(source)).toContain(text);
  });

  it('spares what goes through t(), keys, codes, classes, test ids, logs, imports and types', () => {
    const source = sfc(
      `<section class="mr-panel mr-muted" data-testid="filing-panel" :title="t('filing.title')" :aria-label="label">
         <p v-if="state === 'signed-in'">{{ t('session.signedInAs') }} <strong>{{ user.fullName }}</strong></p>
         <span>{{ n }} · {{ '\\u00a0' }}</span>
         <button :class="{ 'mr-on': on }" @click="emit('close')">{{ t(on ? 'x.on' : 'x.off', { n }) }}</button>
         <input type="email" autocomplete="username" placeholder="https://" />
         <option value="imap">IMAP</option><option value="pop3">POP3</option>
       </section>`,
      `import { t } from '@/utils/i18n';
       import '@/locales/filing';
       const props = defineProps<{ kind: 'Signed out' | 'Expired session' }>();
       const emit = defineEmits<{ close: [] }>();
       const label = computed(() => t('filing.fileSelected', { n: 2 }));
       if (props.kind === 'Signed out') console.error('[mailroom] Could not do it.', label);
       const keys = { 'Escape key': 1 };`,
    );
    expect(untranslatedIn(source)).toEqual([]);
  });

  it('says on which line', () => {
    const [finding] = untranslatedIn(sfc('<div>\n  <p>Nothing here yet</p>\n</div>'));
    expect(finding).toMatchObject({ where: 'text', line: 6 });
  });
});

describe('the components', () => {
  const root = path.resolve(__dirname, '../../..');
  const vueFiles = (dir: string): string[] =>
    readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? vueFiles(path.join(dir, e.name)) : e.name.endsWith('.vue') ? [path.join(dir, e.name)] : [],
    );
  const files = [...vueFiles('components'), ...vueFiles('entrypoints')];

  it('are all read', () => {
    expect(files.length).toBeGreaterThan(30);
  });

  it.each(files)('%s has no user-visible literal outside t()', (file) => {
    const findings = untranslatedIn(readFileSync(path.join(root, file), 'utf8'));
    expect(findings.map((f) => `${file}:${f.line} (${f.where}) ${JSON.stringify(f.text)}`)).toEqual([]);
  });
});
