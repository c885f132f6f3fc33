import type { Migration } from 'kysely';
import * as m0001 from './0001_initial_schema';
import * as m0002 from './0002_login_attempts';
import * as m0003 from './0003_record_search_index';
import * as m0004 from './0004_people';
import * as m0005 from './0005_pending_html_bodies';
import * as m0006 from './0006_mail_sync';
import * as m0007 from './0007_record_external_id';
import * as m0008 from './0008_inbox_handling';
import * as m0009 from './0009_sync_first_window';
import * as m0012 from './0012_sync_error_code';

/**
 * Every migration, in order. Add a new file `NNNN_what_changes.ts` exporting `up` (and `down`) and
 * list it here; never edit one that has shipped. Listing them statically keeps tsx, vitest and a
 * bundled build equal (no directory scanning).
 */
export const migrations: Record<string, Migration> = {
  '0001_initial_schema': m0001,
  '0002_login_attempts': m0002,
  '0003_record_search_index': m0003,
  '0004_people': m0004,
  '0005_pending_html_bodies': m0005,
  '0006_mail_sync': m0006,
  '0007_record_external_id': m0007,
  '0008_inbox_handling': m0008,
  '0009_sync_first_window': m0009,
  '0012_sync_error_code': m0012,
};
