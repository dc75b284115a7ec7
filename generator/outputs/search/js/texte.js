/* Offre de services Clefop — pliage, ordre alphabétique et mots de la recherche, comme
   generator/rules/folding.py et generator/rules/text.py. La table de pliage est écrite ici à
   la construction ; les règles de racinisation et les mots vides viennent de l'index.
   Un test compare les deux côtés dans Chromium, caractère par caractère. */
(function (global) {
  "use strict";

  var WORD = /[\p{L}\p{N}]+/gu;
  var LETTERS = /^\p{L}+$/u;
  var NOT_ALPHANUMERIC = /[^\p{L}\p{N}]+/gu;
  // Table of generator/rules/folding.py, written here at build time (folding.script_with_table).
  var FOLDING = /*@pliage@*/null;
  var SPELLED = FOLDING.lettres;
  var UNDECOMPOSED = new RegExp("[" + Object.keys(SPELLED).join("") + "]", "g");
  var DIACRITICS = new RegExp("[" + FOLDING.diacritiques.map(function (range) {
    return String.fromCodePoint(range[0]) + "-" + String.fromCodePoint(range[1]);
  }).join("") + "]", "g");
  // The stemmer's rules (text.stemmer_tables()), from the index: `configure`.
  var RULES = null;
  var PARTICIPLES = null;

  function tokenize(text) {
    return String(text || "").normalize("NFC").match(WORD) || [];
  }

  function fold(text) {
    return String(text).normalize("NFKD").toLowerCase()
      .replace(UNDECOMPOSED, function (c) { return SPELLED[c]; })
      .replace(DIACRITICS, "");
  }

  /* Sort key of folding.collation_key: [folded, punctuation as one space; the text]. */
  var keys = new Map();
  function collationKey(text) {
    var raw = String(text);
    var known = keys.get(raw);
    if (known !== undefined) { return known; }
    known = [fold(raw).replace(NOT_ALPHANUMERIC, " ").trim(), raw];
    if (keys.size < 100000) { keys.set(raw, known); }
    return known;
  }

  /* Strings in code point order, as Python compares them (not UTF-16 unit order). */
  function compareCodePoints(a, b) {
    var n = Math.min(a.length, b.length);
    for (var i = 0; i < n; i++) {
      var x = a.charCodeAt(i);
      var y = b.charCodeAt(i);
      if (x !== y) {
        // Surrogates (U+D800–DFFF) stand for code points above U+FFFF: move them last.
        if (x >= 0xD800 && y >= 0xD800) {
          x = x >= 0xE000 ? x - 0x800 : x + 0x2000;
          y = y >= 0xE000 ? y - 0x800 : y + 0x2000;
        }
        return x < y ? -1 : 1;
      }
    }
    return a.length - b.length;
  }

  /* French alphabetical order of two texts (folding.collation_key). */
  function compare(a, b) {
    var ka = collationKey(a);
    var kb = collationKey(b);
    return compareCodePoints(ka[0], kb[0]) || compareCodePoints(ka[1], kb[1]);
  }

  /* The index's stemmer rules (text.stemmer_tables): {pluriels, pluriel, feminin,
     feminin_reste_min, participes, racine_min, mot_min}. */
  function configure(rules) {
    RULES = rules;
    PARTICIPLES = rules.participes.map(function (ending) { return [ending, ""]; });
    stems.clear();
    memo = new WeakMap();
  }

  function dropPlural(word) {
    var plural = RULES.pluriel;
    if (word.endsWith(plural) && !word.endsWith(plural + plural) &&
        word.length - plural.length >= RULES.racine_min) {
      return word.slice(0, -plural.length);
    }
    return word;
  }

  /* `word` with the first ending of `endings` ([ending, replacement]) that fits
     replaced (`keep` letters at least stay before it), or null when none fits. */
  function replaceFirst(word, endings, keep) {
    for (var i = 0; i < endings.length; i++) {
      var ending = endings[i][0];
      if (word.endsWith(ending) && word.length - ending.length >= keep) {
        return word.slice(0, word.length - ending.length) + endings[i][1];
      }
    }
    return null;
  }

  var stems = new Map();
  function stem(word) {
    if (RULES === null) { throw new Error("racinisation sans règles : OffreTexte.configure"); }
    var known = stems.get(word);
    if (known !== undefined) { return known; }
    var w = word;
    if (w.length >= RULES.mot_min && LETTERS.test(w)) {
      var singular = replaceFirst(w, RULES.pluriels, 0);
      w = singular === null ? dropPlural(w) : singular;
      var masculine = replaceFirst(w, RULES.feminin, RULES.feminin_reste_min);
      w = masculine === null ? w : masculine;
      var bare = replaceFirst(w, PARTICIPLES, RULES.racine_min);
      w = bare === null ? w : bare;
      w = dropPlural(w);
    }
    if (stems.size < 100000) { stems.set(word, w); }
    return w;
  }

  function isAcronym(raw) {
    return raw.length >= 2 && raw === raw.toUpperCase() && raw !== raw.toLowerCase();
  }

  /* {folded, stem} of a token, or null for a stop word (`stopWords`: a Set). Memoised
     per stop-word list: snippets normalise every word of the passages shown. */
  var memo = new WeakMap();
  function word(raw, stopWords) {
    var known = memo.get(stopWords);
    if (!known) { known = new Map(); memo.set(stopWords, known); }
    var found = known.get(raw);
    if (found !== undefined) { return found; }
    var folded = fold(raw);
    found = stopWords.has(folded) && !isAcronym(raw) ? null : { folded: folded, stem: stem(folded) };
    if (known.size < 100000) { known.set(raw, found); }
    return found;
  }

  function isLetters(text) { return LETTERS.test(text); }

  global.OffreTexte = { tokenize: tokenize, fold: fold, stem: stem, isAcronym: isAcronym,
                        word: word, isLetters: isLetters, configure: configure,
                        collationKey: collationKey, compare: compare };
})(window);
