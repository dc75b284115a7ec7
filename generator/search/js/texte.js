/* Offre de services Clefop — normalisation du texte pour la recherche.
   Miroir exact de generator/search/text.py et de generator/search/index.py (search) :
   mêmes mots (lettres et chiffres, NFC, minuscules), mêmes mots vides (ceux de
   lunr-languages), même pliage des accents, même racinisation (lunr.fr), même requête
   (chaque mot obligatoire, le dernier aussi en préfixe pendant la frappe).
   Un test compare les résultats de ce code dans Chromium à ceux de lunr.py. */
(function (global) {
  "use strict";

  var WORD = /[\p{L}\p{N}]+/gu;
  var COMBINING = /[\u0300-\u036f]/g;
  var LIGATURES = { "œ": "oe", "æ": "ae", "ß": "ss" };
  var FOLD_LABEL = "offre-pliage";

  function tokenize(text) {
    return String(text || "").normalize("NFC").toLowerCase().match(WORD) || [];
  }

  function fold(word) {
    return String(word).toLowerCase()
      .replace(/[œæß]/g, function (c) { return LIGATURES[c]; })
      .normalize("NFD").replace(COMBINING, "");
  }

  function registerLunr(lunr) {
    if (!lunr.Pipeline.registeredFunctions[FOLD_LABEL]) {
      var foldToken = function (token) {
        return token.update(function (s) { return fold(s); });
      };
      lunr.Pipeline.registerFunction(foldToken, FOLD_LABEL);
    }
  }

  function isStopWord(lunr, word) {
    return lunr.fr.stopWordFilter(new lunr.Token(word)) === undefined;
  }

  /* Returns null when the query has no word to search (then every scheme matches),
     otherwise lunr's results [{ref, score}]. */
  function search(lunr, index, query) {
    var words = tokenize(query).filter(function (w) { return !isStopWord(lunr, w); });
    if (!words.length) { return null; }
    var typing = !/\s$/.test(query);
    return index.query(function (q) {
      words.forEach(function (word, position) {
        if (typing && position === words.length - 1) {
          var processed = index.pipeline.runString(word);
          if (!processed.length) { return; }
          q.term(processed[0], {
            usePipeline: false,
            wildcard: lunr.Query.wildcard.TRAILING,
            presence: lunr.Query.presence.REQUIRED
          });
        } else {
          q.term(word, { usePipeline: true, presence: lunr.Query.presence.REQUIRED });
        }
      });
    });
  }

  global.OffreTexte = { tokenize: tokenize, fold: fold, registerLunr: registerLunr,
                        isStopWord: isStopWord, search: search };
})(window);
