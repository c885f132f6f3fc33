/**
 * The admin console's mail checks: the account form's connection test, and the DNS check of each
 * account (kept per account so reopening its details shows the last answer at once).
 */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { Deliverability, TestConnectionRequest, TestConnectionResponse } from '@/contract';
import { send } from '@/messaging/client';
import type { ProtocolError } from '@/messaging/protocol';
import { protocolError } from '@/composables/useErrorMessage';

export interface ConnectionTestState {
  status: 'idle' | 'running' | 'done' | 'error';
  /** What was sent (the steps shown while it runs follow its servers). */
  request?: TestConnectionRequest;
  result?: TestConnectionResponse;
  error?: ProtocolError;
}

export interface DeliverabilityState {
  status: 'loading' | 'ready' | 'error';
  result?: Deliverability;
  error?: ProtocolError;
}

export const useAdminMailCheckStore = defineStore('adminMailCheck', () => {
  /** The latest connection test of the open account form. */
  const test = ref<ConnectionTestState>({ status: 'idle' });
  /** The latest DNS check per account id. */
  const deliverability = ref<Record<string, DeliverabilityState>>({});

  /** Runs a test; a second press while one runs is ignored. Rejects nothing: the state says it. */
  async function testConnection(request: TestConnectionRequest): Promise<void> {
    if (test.value.status === 'running') return;
    test.value = { status: 'running', request };
    try {
      test.value = { status: 'done', request, result: await send('admin.accounts.testConnection', request) };
    } catch (e) {
      test.value = { status: 'error', request, error: protocolError(e) };
    }
  }

  /** Forgets the last test (the form was closed). */
  function resetTest(): void {
    test.value = { status: 'idle' };
  }

  /** Checks an account's domain unless a check is already running for it. */
  async function checkDeliverability(accountId: string, selector?: string): Promise<void> {
    if (deliverability.value[accountId]?.status === 'loading') return;
    const previous = deliverability.value[accountId]?.result;
    deliverability.value[accountId] = { status: 'loading', ...(previous ? { result: previous } : {}) };
    try {
      const result = await send('admin.accounts.deliverability', { accountId, ...(selector ? { selector } : {}) });
      deliverability.value[accountId] = { status: 'ready', result };
    } catch (e) {
      deliverability.value[accountId] = { status: 'error', error: protocolError(e) };
    }
  }

  return { test, deliverability, testConnection, resetTest, checkDeliverability };
});
