/**
 * The records of one benchmark organisation, generated deterministically from a seed: one
 * company per 20 people, people named from French and English name lists (skewed towards the
 * common names, plus a long tail of rare and double-barrelled surnames), contacts at their
 * company's domain, clients on free mail. Company 0 is "Acme" (acme.fr) so the benchmarks have a
 * known domain; every company has a contact@ address.
 */
import { foldText } from '../../server/src/records/fold';
import {
  companySuffixes,
  companyTlds,
  companyTrades,
  companyWords,
  firstNames,
  freeMailDomains,
  lastNames,
  surnameSyllables,
} from './names';

export interface DatasetRecord {
  id: string;
  kind: 'client' | 'contact' | 'company';
  name: string;
  nameFolded: string;
  emails: string[];
  domains: string[];
  companyId: string | null;
}

/** mulberry32: small, fast, deterministic. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = a;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

/** People per company (the brief's "one company per 20 people"). */
export const PEOPLE_PER_COMPANY = 20;

const hex = (random: () => number, n: number) => {
  let s = '';
  for (let i = 0; i < n; i++) s += Math.floor(random() * 16).toString(16);
  return s;
};
/**
 * A UUID-shaped id in the version 7 layout, as the app makes for bulk imports (db/values.ts): the
 * record's place in the data set first (organisation, then order of generation), then bits from
 * the seeded generator. Inserted in that order, ids append to the primary-key b-trees; random ones
 * would dirty a random page each, which at a million records costs more than the rest of the load.
 * The generator's draws are the same as for a random id, so every other field stays as it was.
 */
const orderedId = (r: () => number, orgIndex: number, index: number) => {
  hex(r, 12);
  const place = (orgIndex * 2 ** 40 + index).toString(16).padStart(12, '0');
  return `${place.slice(0, 8)}-${place.slice(8)}-7${hex(r, 3)}-a${hex(r, 3)}-${hex(r, 12)}`;
};

/** Skewed pick: index = n·u² favours the start of the list (the common names). */
const skewed = <T>(r: () => number, list: readonly T[]): T => list[Math.floor(list.length * r() * r())]!;
const pick = <T>(r: () => number, list: readonly T[]): T => list[Math.floor(list.length * r())]!;
const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
// foldText normalises and runs regexes: memoised, as the same names come back millions of times.
// fold("Jean Dupont") is fold("Jean") + " " + fold("Dupont"), so names fold part by part.
const folds = new Map<string, string>();
const fold = (s: string) => {
  let f = folds.get(s);
  if (f === undefined) {
    f = foldText(s);
    if (folds.size < 200_000) folds.set(s, f);
  }
  return f;
};
const slug = (s: string) => fold(s).replace(/ /g, '-');
const local = (s: string) => fold(s).replace(/ /g, '');

function surname(r: () => number): string {
  const roll = r();
  if (roll < 0.25) {
    // A rare surname: 2-3 syllables.
    const n = 2 + Math.floor(r() * 2);
    let s = '';
    for (let i = 0; i < n; i++) s += pick(r, surnameSyllables);
    return capital(s);
  }
  if (roll < 0.3) return `${skewed(r, lastNames)}-${skewed(r, lastNames)}`;
  return skewed(r, lastNames);
}

function companyName(r: () => number, index: number): string {
  if (index === 0) return 'Acme';
  const roll = r();
  if (roll < 0.35) return `${surname(r)} ${pick(r, companySuffixes)}`;
  if (roll < 0.65) return `${pick(r, companyTrades)} ${surname(r)}`;
  if (roll < 0.85) return `${pick(r, companyWords)} ${pick(r, companySuffixes)}`;
  return `${pick(r, companyTrades)} ${pick(r, companyWords)}`;
}

/**
 * `size` records for organisation number `orgIndex` (0, 1, ...), in insertion order: each company
 * followed by its 20 people.
 */
export function* generateOrgRecords(orgIndex: number, size: number): Generator<DatasetRecord> {
  const r = rng(0x5eed + orgIndex * 7919);
  const usedDomains = new Map<string, number>();
  const usedFreeMail = new Map<string, number>();
  let company: DatasetRecord | undefined;
  let companies = 0;
  for (let i = 0; i < size; i++) {
    if (i % (PEOPLE_PER_COMPANY + 1) === 0) {
      const name = companyName(r, companies);
      const base = companies === 0 ? 'acme' : slug(name);
      const n = (usedDomains.get(base) ?? 0) + 1;
      usedDomains.set(base, n);
      const domain = `${base}${n > 1 ? n : ''}.${companies === 0 ? 'fr' : pick(r, companyTlds)}`;
      company = { id: orderedId(r, orgIndex, i), kind: 'company', name, nameFolded: fold(name), emails: [`contact@${domain}`], domains: [domain], companyId: null };
      companies++;
      yield company;
      continue;
    }
    const first = skewed(r, firstNames);
    const last = surname(r);
    const name = `${first} ${last}`;
    const person = `${local(first)}.${local(last)}`;
    const roll = r();
    let emails: string[];
    let kind: DatasetRecord['kind'] = 'contact';
    let companyId = company?.id ?? null;
    if (roll < 0.7 && company) {
      // Several people of one company may share a name: the address takes the record's number.
      emails = [`${person}${i % 7 === 0 ? i : ''}@${company.domains[0]}`];
    } else {
      kind = 'client';
      const free = pick(r, freeMailDomains);
      const key = `${person}@${free}`;
      const n = (usedFreeMail.get(key) ?? 0) + 1;
      usedFreeMail.set(key, n);
      emails = [n > 1 ? `${person}${n}@${free}` : key];
      // Half the free-mail clients are known to work somewhere.
      if (roll < 0.85 && company) emails.push(`${person}${i}@${company.domains[0]}`);
      else companyId = null;
    }
    yield { id: orderedId(r, orgIndex, i), kind, name, nameFolded: `${fold(first)} ${fold(last)}`, emails, domains: [], companyId };
  }
}
