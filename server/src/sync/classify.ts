/**
 * Which records a synced message belongs to, by the rules of GET /api/records/suggest
 * (records.service.ts): a participant whose exact address a contact or client holds goes to that
 * record; a participant no record holds goes to the company owning their domain (the closest
 * domain first, never a free-mail one). The lookups are the suggest repository's, run once for a
 * whole batch.
 */
import type { Db } from '../db/database';
import { domainOf, isFreeMailDomain } from '../records/free-mail';
import { findCompaniesByDomains, findRecordsByEmails } from '../records/records.repository';
import { domainAndParents } from '../records/records.service';

export interface Classifier {
  /** Record ids for these participant addresses (lower-cased), strongest match first. */
  recordsFor(participants: string[]): string[];
}

const unique = <T>(items: T[]): T[] => [...new Set(items)];

function domainsOf(address: string): string[] {
  const domain = domainOf(address);
  if (!domain || isFreeMailDomain(domain)) return [];
  return domainAndParents(domain).filter((d) => !isFreeMailDomain(d));
}

/** Loads every record matching any of `participants` (two queries), then classifies in memory. */
export async function loadClassifier(db: Db, orgId: string, participants: string[]): Promise<Classifier> {
  const emails = unique(participants);
  const domains = unique(emails.flatMap(domainsOf));
  const [byEmail, byDomain] = await Promise.all([findRecordsByEmails(db, orgId, emails), findCompaniesByDomains(db, orgId, domains)]);
  const recordsOfEmail = new Map<string, string[]>();
  for (const r of byEmail) recordsOfEmail.set(r.matched, [...(recordsOfEmail.get(r.matched) ?? []), r.id]);
  const companiesOfDomain = new Map<string, string[]>();
  for (const r of byDomain) companiesOfDomain.set(r.matched, [...(companiesOfDomain.get(r.matched) ?? []), r.id]);

  return {
    recordsFor(addresses) {
      const out: string[] = [];
      for (const address of addresses) {
        const exact = recordsOfEmail.get(address);
        if (exact) {
          out.push(...exact);
          continue;
        }
        const closest = domainsOf(address).find((d) => companiesOfDomain.has(d));
        if (closest) out.push(...(companiesOfDomain.get(closest) ?? []));
      }
      return unique(out);
    },
  };
}
