/**
 * Name material for the benchmark data sets: common French and English first and last names
 * (roughly in frequency order: the generator draws the first ones more often), syllables for the
 * long tail of rare surnames every real CRM has, and company name patterns.
 */

export const firstNames = [
  // French
  'Marie', 'Jean', 'Pierre', 'Michel', 'Philippe', 'Nathalie', 'Isabelle', 'Sylvie', 'Catherine', 'Alain',
  'Nicolas', 'Christophe', 'Françoise', 'Patrick', 'Sandrine', 'Stéphane', 'Valérie', 'Frédéric', 'Céline', 'Laurent',
  'Julien', 'Camille', 'Léa', 'Manon', 'Chloé', 'Inès', 'Émilie', 'Hélène', 'Jérôme', 'Sébastien',
  'Aurélie', 'Benoît', 'Thierry', 'Olivier', 'Anne', 'Élodie', 'Mathieu', 'Grégoire', 'Agnès', 'Noémie',
  'Jean-Pierre', 'Jean-Luc', 'Marie-Claire', 'Anne-Sophie', 'Zoé', 'Maëlle', 'Loïc', 'Gaëlle', 'Yves', 'Hugo',
  'Lucas', 'Théo', 'Louis', 'Arthur', 'Raphaël', 'Jules', 'Adèle', 'Margaux', 'Clémence', 'Bérénice',
  // English
  'James', 'Mary', 'John', 'Patricia', 'Robert', 'Jennifer', 'Michael', 'Linda', 'William', 'Elizabeth',
  'David', 'Barbara', 'Richard', 'Susan', 'Joseph', 'Jessica', 'Thomas', 'Sarah', 'Charles', 'Karen',
  'Christopher', 'Nancy', 'Daniel', 'Lisa', 'Matthew', 'Betty', 'Anthony', 'Margaret', 'Mark', 'Sandra',
  'Andrew', 'Emily', 'Joshua', 'Amanda', 'Kevin', 'Melissa', 'Brian', 'Deborah', 'George', 'Stephanie',
  'Oliver', 'Amelia', 'Harry', 'Isla', 'Jack', 'Ava', 'Charlie', 'Sophie', 'Alfie', 'Grace',
];

export const lastNames = [
  // French
  'Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Moreau',
  'Simon', 'Laurent', 'Lefebvre', 'Michel', 'Garcia', 'David', 'Bertrand', 'Roux', 'Vincent', 'Fournier',
  'Morel', 'Girard', 'André', 'Lefèvre', 'Mercier', 'Dupont', 'Lambert', 'Bonnet', 'François', 'Martinez',
  'Legrand', 'Garnier', 'Faure', 'Rousseau', 'Blanc', 'Guérin', 'Muller', 'Henry', 'Roussel', 'Nicolas',
  'Perrin', 'Morin', 'Mathieu', 'Clément', 'Gauthier', 'Dumont', 'Lopez', 'Fontaine', 'Chevalier', 'Robin',
  'Masson', 'Sanchez', 'Gérard', 'Nguyen', 'Boyer', 'Denis', 'Lemaire', 'Duval', 'Joly', 'Gautier',
  'Roger', 'Roche', 'Roy', 'Noël', 'Meyer', 'Lucas', 'Meunier', 'Jean', 'Pérez', 'Marchand',
  'Dufour', 'Blanchard', 'Marie', 'Barbier', 'Brun', 'Dumas', 'Brunet', 'Schmitt', 'Leroux', 'Colin',
  'Dupré', 'Dupuis', 'Lévêque', 'Hébert', 'Bécue', 'Dufresne', 'Besançon', 'Lacroix', 'Le Gall', 'Le Goff',
  // English
  'Smith', 'Jones', 'Williams', 'Taylor', 'Brown', 'Davies', 'Evans', 'Wilson', 'Johnson', 'Roberts',
  'Walker', 'Wright', 'Robinson', 'Thompson', 'White', 'Hughes', 'Edwards', 'Green', 'Hall', 'Wood',
  'Harris', 'Lewis', 'Martin', 'Jackson', 'Clarke', 'Clark', 'Turner', 'Hill', 'Scott', 'Cooper',
  'Morris', 'Ward', 'Moore', 'King', 'Watson', 'Baker', 'Harrison', 'Morgan', 'Patel', 'Young',
  'Allen', 'Mitchell', 'James', 'Anderson', 'Phillips', 'Lee', 'Bell', 'Parker', 'Davis', "O'Brien",
  'Miller', 'Garcia', 'Rodriguez', 'Murphy', 'Kelly', 'Sullivan', 'McCarthy', 'Campbell', 'Stewart', 'Murray',
];

/** Syllables of rare surnames (Kerbrat, Lavallette, Thornbury...): the long tail of distinct words. */
export const surnameSyllables = [
  'ker', 'bra', 'la', 'val', 'lette', 'mon', 'tar', 'gue', 'bou', 'chard', 'thorn', 'bury', 'ash', 'ford',
  'ville', 'court', 'mar', 'tin', 'eau', 'ois', 'ber', 'gé', 'ron', 'dal', 'wick', 'ham', 'ton', 'ley',
  'cas', 'tel', 'nau', 'dier', 'pré', 'vost', 'gal', 'lant', 'rou', 'quet', 'fon', 'taine', 'by', 'well',
];

export const companyWords = [
  'Atlas', 'Horizon', 'Lumière', 'Océan', 'Boréal', 'Azur', 'Cèdre', 'Granit', 'Étoile', 'Nova', 'Vertex',
  'Summit', 'Harbour', 'Northwind', 'Meridian', 'Pioneer', 'Crescent', 'Beacon', 'Evergreen', 'Sterling',
  'Brightwater', 'Silverline', 'Riverside', 'Oakridge', 'Kestrel', 'Falcon', 'Orion', 'Helios', 'Zéphyr', 'Alpine',
];
export const companyTrades = [
  'Boulangerie', 'Cabinet', 'Atelier', 'Groupe', 'Imprimerie', 'Transports', 'Garage', 'Pharmacie', 'Agence',
  'Bureau', 'Laboratoire', 'Studio', 'Maison', 'Clinique', 'Librairie',
];
export const companySuffixes = [
  'SA', 'SARL', 'SAS', '& Fils', 'Conseil', 'Industries', 'Group', 'Ltd', 'Partners', 'Consulting',
  'Solutions', 'Logistique', 'Immobilier', 'Services', 'Technologies', 'Holdings', '& Co',
];
export const companyTlds = ['fr', 'fr', 'fr', 'com', 'com', 'co.uk', 'eu', 'io', 'be', 'ch'];
export const freeMailDomains = [
  'gmail.com', 'gmail.com', 'gmail.com', 'orange.fr', 'free.fr', 'hotmail.fr', 'hotmail.com', 'yahoo.fr',
  'outlook.com', 'laposte.net', 'icloud.com', 'wanadoo.fr', 'sfr.fr',
];
