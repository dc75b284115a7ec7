/* Offre de services Clefop — normalisation du texte pour la recherche.
   Miroir exact de generator/rules/text.py : mêmes mots (lettres et chiffres, NFC),
   même pliage des accents, même racinisation légère (pluriel, féminin, participe),
   mêmes sigles (un mot en capitales n'est jamais un mot vide). Les mots vides viennent
   de l'index construit en Python. Un test compare les deux côtés dans Chromium. */
(function (global) {
  "use strict";

  var WORD = /[\p{L}\p{N}]+/gu;
  var LETTERS = /^\p{L}+$/u;
  var COMBINING = /[\u0300-\u036f]/g;
  var LIGATURES = { "œ": "oe", "æ": "ae", "ß": "ss" };
  var FEMININE = [["elle", "el"], ["enne", "en"], ["onne", "on"], ["ette", "et"],
                  ["trice", "teur"], ["euse", "eur"], ["ive", "if"], ["ere", "er"]];
  var MIN_STEM = 4;
  var MIN_STEMMED = 5;

  function tokenize(text) {
    return String(text || "").normalize("NFC").match(WORD) || [];
  }

  function fold(word) {
    return String(word).toLowerCase()
      .replace(/[œæß]/g, function (c) { return LIGATURES[c]; })
      .normalize("NFD").replace(COMBINING, "");
  }

  function dropPlural(word) {
    if (word.endsWith("s") && !word.endsWith("ss") && word.length - 1 >= MIN_STEM) {
      return word.slice(0, -1);
    }
    return word;
  }

  var stems = new Map();
  function stem(word) {
    var known = stems.get(word);
    if (known !== undefined) { return known; }
    var w = word;
    if (w.length >= MIN_STEMMED && LETTERS.test(w)) {
      w = w.endsWith("aux") ? w.slice(0, -3) + "al" : dropPlural(w);
      for (var i = 0; i < FEMININE.length; i++) {
        var ending = FEMININE[i][0];
        if (w.endsWith(ending) && w.length - ending.length >= 3) {
          w = w.slice(0, -ending.length) + FEMININE[i][1];
          break;
        }
      }
      if (w.endsWith("ee") && w.length - 2 >= MIN_STEM) { w = w.slice(0, -2); }
      else if (w.endsWith("e") && w.length - 1 >= MIN_STEM) { w = w.slice(0, -1); }
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
                        word: word, isLetters: isLetters };
})(window);
