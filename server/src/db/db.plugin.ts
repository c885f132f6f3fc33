import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { SecretBox } from '../accounts/secret-box';
import type { Config } from '../config';
import type { Db } from './database';

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
    config: Config;
    /** Encrypts account passwords at rest. */
    secretBox: SecretBox;
  }
}

/** Makes the database, config and secret box available to routes as `app.db` etc. */
export const dbPlugin = fp(
  async (app: FastifyInstance, opts: { db: Db; config: Config; secretBox: SecretBox }) => {
    app.decorate('db', opts.db);
    app.decorate('config', opts.config);
    app.decorate('secretBox', opts.secretBox);
  },
  { name: 'mailroom-db' },
);
