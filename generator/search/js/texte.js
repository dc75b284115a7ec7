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

  /* Rebuilds the lunr index from the compact postings written by
     generator/search/index.py (compact_postings): lunr.js's own Builder recomputes the
     field vectors, exactly as lunr.py did at build time. */
  function loadIndex(lunr, compact) {
    if (compact.format !== "offre-lunr-postings-1") {
      throw new Error("format d'index inconnu : " + compact.format);
    }
    var builder = new lunr.Builder();
    builder.ref("r");
    compact.champs.forEach(function (field) { builder.field(field[0], { boost: field[1] }); });
    compact.pipeline.forEach(function (label) {
      builder.searchPipeline.add(lunr.Pipeline.registeredFunctions[label]);
    });
    var fields = compact.champs.map(function (field) { return field[0]; });
    var count = compact.documents;
    builder.documentCount = count;
    for (var number = 0; number < count; number++) {
      builder._documents[number] = {};
      for (var f = 0; f < fields.length; f++) {
        builder.fieldTermFrequencies[fields[f] + "/" + number] = {};
        builder.fieldLengths[fields[f] + "/" + number] = 0;
      }
    }
    compact.termes.forEach(function (term, position) {
      var posting = { _index: position };
      fields.forEach(function (field, f) {
        var gaps = compact.occurrences[position][f];
        var frequencies = compact.frequences[position][f];
        var documents = Object.create(null);
        var doc = 0;
        for (var k = 0; k < gaps.length; k++) {
          doc += gaps[k];
          documents[doc] = Object.create(null);
          var key = field + "/" + doc;
          builder.fieldTermFrequencies[key][term] = frequencies[k];
          builder.fieldLengths[key] += frequencies[k];
        }
        posting[field] = documents;
      });
      builder.invertedIndex[term] = posting;
    });
    builder.termIndex = compact.termes.length;
    return builder.build();
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
                        isStopWord: isStopWord, search: search, loadIndex: loadIndex };
})(window);
