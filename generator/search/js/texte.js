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
     generator/search/index.py (compact_postings). The field vectors are computed with
     lunr's own scoring (BM25, as lunr.Builder.createFieldVectors and lunr.idf do, and
     lunr.py at build time), straight into arrays: going through lunr.Builder would
     create hundreds of thousands of small objects, most of the load time at 10,000
     schemes. A browser test checks the results against lunr.py, query by query. */
  var K1 = 1.2;
  var B = 0.75;
  function loadIndex(lunr, compact) {
    if (compact.format !== "offre-lunr-postings-1") {
      throw new Error("format d'index inconnu : " + compact.format);
    }
    var fields = compact.champs.map(function (field) { return field[0]; });
    var boosts = compact.champs.map(function (field) { return field[1]; });
    var count = compact.documents;
    var terms = compact.termes;
    var vectors = fields.map(function () {
      var perDoc = new Array(count);
      for (var d = 0; d < count; d++) { perDoc[d] = []; }
      return perDoc;
    });
    var lengths = fields.map(function () { return new Float64Array(count); });
    var idf = new Float64Array(terms.length);
    var noMetadata = Object.freeze(Object.create(null));
    var invertedIndex = Object.create(null);
    for (var position = 0; position < terms.length; position++) {
      var posting = { _index: position };
      var withTerm = 0;
      for (var f = 0; f < fields.length; f++) {
        var gaps = compact.occurrences[position][f];
        var frequencies = compact.frequences[position][f];
        var documents = Object.create(null);
        var doc = 0;
        for (var k = 0; k < gaps.length; k++) {
          doc += gaps[k];
          documents[doc] = noMetadata;
          // Raw frequency for now; turned into a score once field lengths are known.
          vectors[f][doc].push(position, frequencies[k]);
          lengths[f][doc] += frequencies[k];
        }
        withTerm += gaps.length;
        posting[fields[f]] = documents;
      }
      invertedIndex[terms[position]] = posting;
      var x = (count - withTerm + 0.5) / (withTerm + 0.5);
      idf[position] = Math.log(1 + Math.abs(x));
    }
    var fieldVectors = Object.create(null);
    for (var g = 0; g < fields.length; g++) {
      var total = 0;
      for (var d2 = 0; d2 < count; d2++) { total += lengths[g][d2]; }
      var average = total / count;
      for (var d3 = 0; d3 < count; d3++) {
        var elements = vectors[g][d3];
        var norm = K1 * (1 - B + B * (lengths[g][d3] / average));
        for (var e = 0; e < elements.length; e += 2) {
          var tf = elements[e + 1];
          var score = idf[elements[e]] * ((K1 + 1) * tf) / (norm + tf) * boosts[g];
          elements[e + 1] = Math.round(score * 1000) / 1000;
        }
        fieldVectors[fields[g] + "/" + d3] = new lunr.Vector(elements);
      }
    }
    var pipeline = new lunr.Pipeline();
    compact.pipeline.forEach(function (label) {
      pipeline.add(lunr.Pipeline.registeredFunctions[label]);
    });
    return new lunr.Index({
      invertedIndex: invertedIndex,
      fieldVectors: fieldVectors,
      tokenSet: lunr.TokenSet.fromArray(terms.slice().sort()),
      fields: fields,
      pipeline: pipeline
    });
  }

  /* Returns null when the query has no word to search (then every scheme matches),
     otherwise lunr's results [{ref, score}]. While typing, a last word of fewer than
     MIN_PREFIX letters waits: "a*" would match most of the index. */
  var MIN_PREFIX = 3;
  function search(lunr, index, query) {
    var words = tokenize(query).filter(function (w) { return !isStopWord(lunr, w); });
    var typing = query.length > 0 && !/\s$/.test(query);
    if (typing && words.length && words[words.length - 1].length < MIN_PREFIX) {
      words = words.slice(0, -1);
    }
    if (!words.length) { return null; }
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
