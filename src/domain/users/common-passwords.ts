import { LEAKED_PASSWORDS_TOP_10000 } from './leaked-passwords.data';

/**
 * Passwords that attackers try first: the published top-10,000 list shipped in leaked-passwords.data.ts, and
 * below, written for this project from general knowledge of published leak statistics, shapes that list misses
 * (decorated words, seasons with years). Passwords made only of letters or only of digits are left out: the
 * password rules already refuse those. Entries are lower-case; the check compares case-insensitively, because
 * capitalising the first letter is the most common "strengthening" and adds nothing.
 */

/** Splits a whitespace-separated block into its words; keeps the data lists compact and easy to scan. */
function words(block: string): string[] {
  return block.split(/\s+/).filter((word) => word.length > 0);
}

// Keyboard walks, leet spellings and other shapes that are common on their own.
const DISTINCT_PASSWORDS = words(`
  1qaz2wsx 1qaz2wsx3edc 1qazxsw2 2wsx3edc 3edc4rfv zaq12wsx zaq1xsw2 zaq1zaq1 xsw21qaz zaq!2wsx 1qaz!qaz
  1qaz@wsx !qaz2wsx !qaz@wsx 1q2w3e4r 1q2w3e4r5t 1q2w3e4r5t6y 1q2w3e4r5t6y7u 1q2w3e4r! !q2w3e4r q1w2e3r4
  q1w2e3r4t5 q1w2e3r4t5y6 1a2b3c4d a1b2c3d4 a1b2c3d4e5 1a2s3d4f a1s2d3f4 z1x2c3v4 qwe123qwe qweasd123
  qweasdzxc123 123qwe123 123qweasd 123qweasdzxc 1234qwer qwer1234 asdf1234 1234asdf zxcv1234 zxcvbnm1
  zxcvbnm123 asdfgh123 asdfghjkl1 qwertyui1 qwertyuiop1 qwertyuiop123 poiuytrewq1 qazwsx123 qazwsxedc1
  qazwsx12 qwerty!@# qwer!@#$ asdf!@#$ !@#$%^&* !@#$%^&*( !@#$%^&*() !@#$%^&*()_+ 1234!@#$ !@#$1234 1234abcd
  abcd1234 abc12345 abc123456 abcde12345 abc123abc abc123abc123 abc123123 123abc123 123123abc 12345abc
  123456ab 123456abc 1234567a 12345678a 123456789a 1234567890a a1234567 a12345678 a123456789 aa123456
  aaa12345 11111111a 1234567q q1234567 q12345678 12345qwert 123456qwerty 123456a! 12345678! 12345678a!
  passw0rd p@ssw0rd p@ssword pa$$word pa$$w0rd p@$$w0rd p@55w0rd pa55word pa55w0rd p4ssw0rd p4ssword
  passw0rd1 p@ssw0rd1 p@ssword1 passw0rd! p@ssw0rd! password!1 password@1 password#1 password@123
  password1234! l3tm31n! l3tm31n1 adm1n123 adm1n1strat0r admin@123 admin#123 admin!23 administrator1
  w3lc0m3! w3lc0m31 welcome@123 trustno1 trustno1! iloveu123 iloveyou!1 test@123 changeme! woaini1314
  woaini520 qwerty1! monkey!1 s3cr3t123 m0nk3y123 dr4g0n123 sh4d0w123 m4st3r123 football#1 baseball#1
  starwars! michael23 jordan23 kobe24 lebron23 blink182 sum41sum41 r2d2c3po c3por2d2 007bond007 jamesbond007
  agent007
`);

// Common words and names that people decorate with a few digits or a symbol.
const BASE_WORDS = words(`
  password passwd pass qwerty iloveyou letmein welcome admin login hello test secret master monkey dragon
  shadow sunshine princess football baseball basketball soccer hockey superman batman spiderman starwars
  pokemon michael jessica ashley jennifer daniel thomas robert jordan charlie andrew joshua matthew hunter
  killer harley ranger buster tigger pepper ginger maggie cookie chocolate flower angel lovely summer winter
  freedom whatever computer internet google samsung apple matrix mustang ferrari liverpool chelsea arsenal
  yankees cowboys love abc family friends forever blessed jesus qazwsx asdfgh zxcvbn mypass default guest
  user root changeme access trustno purple orange banana butterfly nicole michelle anthony william jasmine
  justin george pumpio pumphouse
`);

const DECORATIONS = ['1', '12', '123', '1234', '12345', '!', '1!', '123!', '01', '69', '007', '2024'];
const SEASONS = ['spring', 'summer', 'autumn', 'fall', 'winter'];
const FIRST_SEASON_YEAR = 2015;
const LAST_SEASON_YEAR = 2027;

let cached: ReadonlySet<string> | undefined;

/** The common passwords, lower-case; built on first use and kept. */
export function commonPasswords(): ReadonlySet<string> {
  cached ??= buildCommonPasswords();
  return cached;
}

function buildCommonPasswords(): ReadonlySet<string> {
  const passwords = new Set<string>(DISTINCT_PASSWORDS);
  for (const leaked of words(LEAKED_PASSWORDS_TOP_10000)) passwords.add(leaked.toLowerCase());
  for (const word of BASE_WORDS) {
    for (const decoration of DECORATIONS) {
      passwords.add(word + decoration);
    }
  }
  for (const season of SEASONS) {
    for (let year = FIRST_SEASON_YEAR; year <= LAST_SEASON_YEAR; year++) {
      passwords.add(`${season}${year}`);
      passwords.add(`${season}${year}!`);
    }
  }
  return passwords;
}
