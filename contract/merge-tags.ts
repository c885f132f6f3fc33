/**
 * Mail-merge tags a signature may hold. Shared by the server (rendering, 422 on unknown tags), the
 * editor's menu and its before-save check, so the three can never disagree.
 */
export const mergeTags = [
  { tag: 'user.firstName', en: 'First name', fr: 'Prénom', alias: 'utilisateur.prenom' },
  { tag: 'user.lastName', en: 'Last name', fr: 'Nom', alias: 'utilisateur.nom' },
  { tag: 'user.fullName', en: 'Full name', fr: 'Nom complet', alias: 'utilisateur.nomComplet' },
  { tag: 'user.jobTitle', en: 'Job title', fr: 'Fonction', alias: 'utilisateur.fonction' },
  { tag: 'user.email', en: 'Email', fr: 'E-mail', alias: 'utilisateur.email' },
  { tag: 'user.phone', en: 'Phone', fr: 'Téléphone', alias: 'utilisateur.telephone' },
  { tag: 'user.mobile', en: 'Mobile', fr: 'Portable', alias: 'utilisateur.portable' },
  { tag: 'account.address', en: 'Account address', fr: 'Adresse du compte', alias: 'compte.adresse' },
  { tag: 'account.name', en: 'Account name', fr: 'Nom du compte', alias: 'compte.nom' },
  { tag: 'org.name', en: 'Company name', fr: "Nom de l'entreprise", alias: 'entreprise.nom' },
] as const;

export type MergeTag = (typeof mergeTags)[number]['tag'];

/** `{{ user.firstName }}`: spaces inside the braces are allowed, as editors tend to add them. */
export const mergeTagPattern = /\{\{\s*([^{}\s]*)\s*\}\}/g;

const byName = new Map<string, MergeTag>();
for (const t of mergeTags) {
  byName.set(t.tag.toLowerCase(), t.tag);
  byName.set(t.alias.toLowerCase(), t.tag);
}

/** The canonical tag for a name or its French alias (case-insensitive), or undefined. */
export function resolveMergeTag(name: string): MergeTag | undefined {
  return byName.get(name.trim().toLowerCase());
}

/** Tags in `text` that are not known, in order of appearance, without repeats. */
export function unknownMergeTags(text: string): string[] {
  const unknown = new Set<string>();
  for (const m of text.matchAll(mergeTagPattern)) {
    const name = m[1] ?? '';
    if (!resolveMergeTag(name)) unknown.add(name);
  }
  return [...unknown];
}

export type MergeValues = Record<MergeTag, string>;
