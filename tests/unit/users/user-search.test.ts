/** The access dialog's person search reads the People list's shape and tells deactivated people apart. */
import { flushPromises } from '@vue/test-utils';
import AdminUserSearch from '@/components/admin/AdminUserSearch.vue';
import { locale } from '@/utils/i18n';
import { useAdminMount } from '../admin/adminMount';
import { on } from '../admin/mockApi';
import { makeAdminUser } from './people-fixtures';

vi.mock('@/messaging/client', () => import('../admin/mockApi'));

const mountAdmin = useAdminMount();

it.each([
  ['en', '— deactivated'],
  ['fr', '— désactivé'],
] as const)('%s: a deactivated person is marked so in the results', async (lang, mark) => {
  locale.value = lang;
  vi.useFakeTimers();
  try {
    on('admin.users.search', () => [
      makeAdminUser({ email: 'mia@acme.test', fullName: 'Mia Active' }),
      makeAdminUser({ email: 'old@acme.test', fullName: 'Old Gone', status: 'deactivated', active: false }),
    ]);
    const w = mountAdmin(AdminUserSearch, { exclude: new Set<string>(), modelValue: null });
    await w.get('[data-testid="user-search"]').setValue('m');
    await vi.advanceTimersByTimeAsync(300);
    await flushPromises();
    const results = w.findAll('[data-testid="user-result"]');
    expect(results).toHaveLength(2);
    expect(results[0]!.find('[data-testid="user-result-deactivated"]').exists()).toBe(false);
    expect(results[1]!.get('[data-testid="user-result-deactivated"]').text()).toBe(mark);
  } finally {
    vi.useRealTimers();
  }
});
