/* Offre de services Clefop — moteur de recherche.
   Miroir exact de generator/outputs/search/engine.py (même classement, même arithmétique
   entière) sur les fichiers écrits par generator/outputs/search/index.py : l'index (réglages,
   poids, composition de la clé de tri, tables de racinisation : aucune copie ici ;
   carte des tranches), les tranches de termes lues à la demande, le vocabulaire (fautes
   de frappe), les colonnes des facettes et une fiche par dispositif affiché.
   Un test compare, requête par requête, l'ordre donné ici et celui de Python. */
(function (global) {
  "use strict";

  var Texte = global.OffreTexte;
  var FORMAT = "offre-recherche-4";

  function fetchJson(url) {
    return fetch(url).then(function (response) {
      if (!response.ok) { throw new Error("HTTP " + response.status + " sur " + url); }
      return response.json();
    });
  }

  function lowerBound(starts, term) {
    // Position of the last start ≤ term (starts[0] is "").
    var low = 0;
    var high = starts.length;
    while (low < high) {
      var mid = (low + high) >> 1;
      if (starts[mid] <= term) { low = mid + 1; } else { high = mid; }
    }
    return low - 1;
  }

  function withinOneEdit(a, b) {
    if (a === b) { return false; }
    var la = a.length;
    var lb = b.length;
    if (Math.abs(la - lb) > 1) { return false; }
    var i;
    if (la === lb) {
      var diff = [];
      for (i = 0; i < la; i++) {
        if (a[i] !== b[i]) { diff.push(i); if (diff.length > 2) { return false; } }
      }
      if (diff.length === 1) { return true; }
      return diff.length === 2 && diff[1] === diff[0] + 1 &&
        a[diff[0]] === b[diff[1]] && a[diff[1]] === b[diff[0]];
    }
    var short = la < lb ? a : b;
    var long = la < lb ? b : a;
    i = 0;
    while (i < short.length && short[i] === long[i]) { i++; }
    return short.slice(i) === long.slice(i + 1);
  }

  function Moteur(index, base) {
    this.index = index;
    this.base = base;
    this.settings = index.reglages;
    // How a sort key is packed, and « sans » (« sans diplôme » is not « diplômés »):
    // engine.py's values, carried by the index.
    this.rank = index.classement;
    this.negation = index.negation;
    Texte.configure(index.racines);
    this.stopWords = new Set(index.mots_vides);
    this.count = index.nombre;
    this.starts = {};
    this.shardModels = {}; // one hash names a whole set: a shard is its number in the model
    var self = this;
    Object.keys(index.tranches).forEach(function (namespace) {
      var set = index.tranches[namespace];
      self.starts[namespace] = set.debuts;
      self.shardModels[namespace] = set.modele.replace("{h}", set.empreinte);
    });
    this.shards = new Map(); // file → {termes, postings: Map(term → decoded), formes}
    this.pending = new Map(); // file → promise
    this.vocabulary = new Map();
    this.fiches = new Map();
    this.columns = {}; // the default filters' columns come with the index, the others later
    var columns = this.columns;
    Object.keys(index.colonnes).forEach(function (name) { columns[name] = index.colonnes[name]; });
    this.labels = index.libelles;
    this.facets = index.facettes;
    this.facetsLoaded = null;
  }

  Moteur.prototype.url = function (name) { return this.base + name; };

  /* ------------------------------------------------------------------ files */

  Moteur.prototype._loadFile = function (name, store, prepare) {
    if (store.has(name)) { return Promise.resolve(store.get(name)); }
    if (this.pending.has(name)) { return this.pending.get(name); }
    var self = this;
    var promise = fetchJson(this.url(name)).then(function (data) {
      var value = prepare(data);
      store.set(name, value);
      self.pending.delete(name);
      return value;
    }, function (error) { self.pending.delete(name); throw error; });
    this.pending.set(name, promise);
    return promise;
  };

  function prepareShard(data) {
    var raw = new Map();
    for (var i = 0; i < data.termes.length; i++) { raw.set(data.termes[i], data.postings[i]); }
    return { termes: data.termes, raw: raw, decoded: new Map(),
             formes: data.formes.map(function (f) { return [f.forme, f.terme]; }) };
  }

  Moteur.prototype._shardName = function (namespace, position) {
    return this.shardModels[namespace].replace("{n}", String(position));
  };
  Moteur.prototype._position = function (namespace, term) {
    return lowerBound(this.starts[namespace], term);
  };
  Moteur.prototype._shardOf = function (namespace, term) {
    return this._shardName(namespace, this._position(namespace, term));
  };
  Moteur.prototype._loaded = function (name) { return this.shards.get(name); };

  /* [numbers Int32Array, values Int32Array] of a term, or empty when absent. */
  var EMPTY = [new Int32Array(0), new Int32Array(0)];
  Moteur.prototype.postings = function (namespace, term) {
    var shard = this._loaded(this._shardOf(namespace, term));
    if (!shard) { throw new Error("tranche non chargée pour « " + term + " »"); }
    var decoded = shard.decoded.get(term);
    if (decoded) { return decoded; }
    var encoded = shard.raw.get(term);
    if (!encoded) { return EMPTY; }
    var half = encoded.length / 2;
    var numbers = new Int32Array(half);
    var values = new Int32Array(half);
    var number = 0;
    for (var k = 0; k < half; k++) {
      number += encoded[2 * k];
      numbers[k] = number;
      values[k] = encoded[2 * k + 1];
    }
    decoded = [numbers, values];
    shard.decoded.set(term, decoded);
    return decoded;
  };

  Moteur.prototype._prefixShards = function (prefix) {
    var starts = this.starts.mots;
    var found = [this._position("mots", prefix)];
    while (found.length < this.settings.tranches_prefixe_max &&
           found[found.length - 1] + 1 < starts.length &&
           starts[found[found.length - 1] + 1].startsWith(prefix)) {
      found.push(found[found.length - 1] + 1);
    }
    var self = this;
    return found.map(function (p) { return self._shardName("mots", p); });
  };

  Moteur.prototype._prefixes = function (word) {
    return word.stem === word.folded ? [word.stem] : [word.stem, word.folded];
  };

  Moteur.prototype.prefixTerms = function (word) {
    var found = new Set();
    var self = this;
    this._prefixes(word).forEach(function (prefix) {
      self._prefixShards(prefix).forEach(function (name) {
        var shard = self._loaded(name);
        shard.termes.forEach(function (t) { if (t.startsWith(prefix)) { found.add(t); } });
        if (prefix === word.folded) {
          shard.formes.forEach(function (f) {
            if (f[0].startsWith(word.folded)) { found.add(f[1]); }
          });
        }
      });
    });
    found.delete(word.stem);
    return Array.from(found).sort(compareStrings);
  };

  function compareStrings(a, b) { return a < b ? -1 : a > b ? 1 : 0; }

  Moteur.prototype.typoTerms = function (word) {
    var letter = word.stem.slice(0, 1);
    var terms = this.vocabulary.get(letter);
    if (!terms) { return []; }
    var out = [];
    for (var i = 0; i < terms.length && out.length < this.settings.fautes_max; i++) {
      if (withinOneEdit(word.stem, terms[i])) { out.push(terms[i]); }
    }
    return out;
  };

  /* ------------------------------------------------------------------ query */

  Moteur.prototype.queryWords = function (query) {
    var typing = query.length > 0 && !/\s$/.test(query);
    var tokens = Texte.tokenize(query);
    var kept = [];
    var lastKept = false;
    for (var i = 0; i < tokens.length; i++) {
      var w = Texte.word(tokens[i], this.stopWords);
      lastKept = w !== null;
      if (w) { kept.push({ folded: w.folded, stem: w.stem, prefix: false }); }
    }
    var limit = this.settings.mots_max;
    if (typing && lastKept && kept.length && kept.length <= limit) {
      kept[kept.length - 1].prefix = kept[kept.length - 1].folded.length >= this.settings.prefixe_min;
    }
    return kept.slice(0, limit);
  };

  function sameStems(words, start, key) {
    for (var k = 0; k < key.length; k++) { if (words[start + k].stem !== key[k]) { return false; } }
    return true;
  }

  function pairs(terms) {
    var out = [];
    for (var i = 0; i + 1 < terms.length; i++) { out.push(terms[i] + " " + terms[i + 1]); }
    return out;
  }

  /* Files the query needs, in the order they are found: what `prepare` fetches. */
  Moteur.prototype._plan = function (words) {
    var self = this;
    var names = [];
    function need(name) { if (name && names.indexOf(name) < 0) { names.push(name); } }
    words.forEach(function (w, position) {
      need(self._shardOf("mots", w.stem));
      if (w.prefix) { self._prefixes(w).forEach(function (p) { self._prefixShards(p).forEach(need); }); }
      if (position + 1 < words.length) {
        need(self._shardOf("expressions", w.stem + " " + words[position + 1].stem));
      }
    });
    this._hits(words).forEach(function (hit) {
      hit.rule.equivalents.forEach(function (alternative) {
        if (alternative.length === 1) { need(self._shardOf("mots", alternative[0])); }
        else { pairs(alternative).forEach(function (p) { need(self._shardOf("expressions", p)); }); }
      });
    });
    return names;
  };

  Moteur.prototype._hits = function (words) {
    var hits = [];
    this.index.synonymes.forEach(function (rule) {
      var key = rule.cle;
      for (var start = 0; start + key.length <= words.length; start++) {
        if (sameStems(words, start, key)) { hits.push({ rule: rule, start: start }); }
      }
    });
    return hits;
  };

  Moteur.prototype._loadShards = function (names) {
    var self = this;
    return Promise.all(names.map(function (name) {
      return self._loadFile(name, self.shards, prepareShard);
    }));
  };

  /* Fetches everything `search(query)` reads: the shards of its words, prefixes and
     synonyms, then those of the prefixes' surface forms, then, for a word that matches
     nothing, the vocabulary of its letter and the shard of the word it probably meant. */
  Moteur.prototype.prepare = function (query) {
    var self = this;
    var words = this.queryWords(query);
    if (!words.length) { return Promise.resolve(); }
    return this._loadShards(this._plan(words)).then(function () {
      var more = [];
      words.forEach(function (w) {
        if (w.prefix) {
          self.prefixTerms(w).forEach(function (t) { more.push(self._shardOf("mots", t)); });
        }
      });
      return self._loadShards(more);
    }).then(function () {
      var letters = [];
      var variants = self._variants(words, { also: [] }, false);
      words.forEach(function (w, position) {
        if (self._typoCandidate(w, variants[position])) {
          var letter = w.stem.slice(0, 1);
          var name = self.index.vocabulaire[letter];
          if (name) { letters.push([letter, name]); }
        }
      });
      return Promise.all(letters.map(function (pair) {
        return self._loadFile(pair[1], self.vocabulary, function (data) { return data.termes; })
          .then(function (terms) { self.vocabulary.set(pair[0], terms); });
      }));
    }).then(function () {
      var variants = self._variants(words, { also: [] }, true);
      var names = [];
      variants.forEach(function (options) {
        options.forEach(function (v) {
          if (!v.phrase) { names.push(self._shardOf("mots", v.terms[0])); }
        });
      });
      return self._loadShards(names);
    });
  };

  Moteur.prototype.isReady = function (query) {
    var self = this;
    var words = this.queryWords(query);
    return this._plan(words).every(function (name) { return self.shards.has(name); });
  };

  Moteur.prototype._typoCandidate = function (word, options) {
    var self = this;
    return word.folded.length >= this.settings.faute_min && Texte.isLetters(word.folded) &&
      !options.some(function (v) { return self._matchCount(v) > 0; });
  };

  Moteur.prototype._matchCount = function (variant) {
    if (!variant.phrase) { return this.postings("mots", variant.terms[0])[0].length; }
    var matches = this._matches(variant);
    return matches.numbers.length;
  };

  Moteur.prototype._variants = function (words, outcome, withTypos) {
    var s = this.settings;
    var self = this;
    var perWord = words.map(function (w) {
      return [{ terms: [w.stem], phrase: false, weight: s.poids_exact }];
    });
    words.forEach(function (w, position) {
      if (w.prefix) {
        self.prefixTerms(w).forEach(function (t) {
          perWord[position].push({ terms: [t], phrase: false, weight: s.poids_prefixe });
        });
      }
    });
    this._hits(words).forEach(function (hit) {
      var rule = hit.rule;
      rule.libelles.forEach(function (label) {
        if (outcome.also.indexOf(label) < 0) { outcome.also.push(label); }
      });
      // Query pairs a synonym of several words stands for.
      var covered = [];
      for (var c = hit.start; c < hit.start + rule.cle.length - 1; c++) { covered.push(c); }
      rule.equivalents.forEach(function (alternative) {
        var variant = alternative.length === 1
          ? { terms: alternative, phrase: false, weight: s.poids_synonyme, pairs: covered }
          : { terms: pairs(alternative), phrase: true, weight: s.poids_synonyme, pairs: covered };
        for (var p = hit.start; p < hit.start + rule.cle.length; p++) { perWord[p].push(variant); }
      });
    });
    if (withTypos) {
      words.forEach(function (w, position) {
        if (self._typoCandidate(w, perWord[position])) {
          self.typoTerms(w).forEach(function (t) {
            perWord[position].push({ terms: [t], phrase: false, weight: s.poids_faute });
          });
        }
      });
    }
    return perWord;
  };

  /* {numbers, scores, titles} of a variant: for a phrase, the schemes holding every
     pair, with the mean of the pairs' scores (integer division, as in Python). */
  Moteur.prototype._matches = function (variant) {
    var first = this.postings(variant.phrase ? "expressions" : "mots", variant.terms[0]);
    var numbers = first[0];
    var totals = new Int32Array(numbers.length);
    var titles = new Uint8Array(numbers.length);
    var keep = new Uint8Array(numbers.length);
    var i;
    for (i = 0; i < numbers.length; i++) {
      totals[i] = first[1][i] >> 1; titles[i] = first[1][i] & 1; keep[i] = 1;
    }
    if (variant.phrase) {
      for (var t = 1; t < variant.terms.length; t++) {
        var other = this.postings("expressions", variant.terms[t]);
        var j = 0;
        for (i = 0; i < numbers.length; i++) {
          while (j < other[0].length && other[0][j] < numbers[i]) { j++; }
          if (j < other[0].length && other[0][j] === numbers[i]) {
            totals[i] += other[1][j] >> 1;
            titles[i] = titles[i] & other[1][j] & 1;
          } else {
            keep[i] = 0;
          }
        }
      }
    }
    var count = variant.terms.length;
    var outNumbers = [];
    var outScores = [];
    var outTitles = [];
    for (i = 0; i < numbers.length; i++) {
      if (keep[i]) {
        outNumbers.push(numbers[i]);
        outScores.push(Math.floor(totals[i] / count));
        outTitles.push(titles[i]);
      }
    }
    return { numbers: outNumbers, scores: outScores, titles: outTitles };
  };

  /* Sort keys of the schemes a query matches (Map number → key), or null when the
     query has no word to search. */
  Moteur.prototype.scores = function (query) {
    var words = this.queryWords(query);
    var outcome = { words: words, matched: new Set(), also: [], complete: new Map() };
    if (!words.length) { return { keys: null, outcome: outcome }; }
    var variants = this._variants(words, outcome, true);
    var n = this.count;
    var best = words.map(function () { return new Int32Array(n); });
    var title = words.map(function () { return new Uint8Array(n); });
    var touched = new Uint8Array(n);
    var candidates = [];
    // phrase[p][number]: query pair p found as a phrase (or through a synonym).
    var phrase = [];
    for (var p0 = 0; p0 + 1 < words.length; p0++) { phrase.push(new Uint8Array(n)); }
    var self = this;
    variants.forEach(function (options, position) {
      // After « sans », when some scheme says « sans <mot> », the word matches only
      // there (engine.py says why).
      var said = null;
      if (position > 0 && words[position - 1].stem === self.negation) {
        var stated = self.postings("expressions", self.negation + " " + words[position].stem)[0];
        if (stated.length) { said = new Set(stated); }
      }
      if (said) {
        options = [options[0]].concat(options.slice(1).filter(function (v) {
          return (v.pairs || []).indexOf(position - 1) >= 0;
        }));
      }
      options.forEach(function (variant) {
        var m = self._matches(variant);
        if (said && !(variant.pairs || []).length) {
          var kept = { numbers: [], scores: [], titles: [] };
          for (var j = 0; j < m.numbers.length; j++) {
            if (said.has(m.numbers[j])) {
              kept.numbers.push(m.numbers[j]); kept.scores.push(m.scores[j]); kept.titles.push(m.titles[j]);
            }
          }
          m = kept;
        }
        if (m.numbers.length) {
          variant.terms.forEach(function (term) {
            term.split(" ").forEach(function (t) { outcome.matched.add(t); });
          });
        }
        var covers = variant.pairs || [];
        for (var i = 0; i < m.numbers.length; i++) {
          var number = m.numbers[i];
          for (var c = 0; c < covers.length; c++) { phrase[covers[c]][number] = 1; }
          var value = m.scores[i] * variant.weight;
          if (value > best[position][number]) { best[position][number] = value; }
          if (m.titles[i]) { title[position][number] = 1; }
          if (!touched[number]) { touched[number] = 1; candidates.push(number); }
        }
      });
    });
    var bonus = new Int32Array(n);
    for (var w = 0; w + 1 < words.length; w++) {
      var pair = this.postings("expressions", words[w].stem + " " + words[w + 1].stem);
      for (var k = 0; k < pair[0].length; k++) {
        bonus[pair[0][k]] += (pair[1][k] >> 1) * this.settings.poids_exact;
        phrase[w][pair[0][k]] = 1;
      }
    }
    var keys = new Map();
    var rank = this.rank;
    candidates.forEach(function (number) {
      var coverage = 0;
      var total = bonus[number];
      var allInTitle = true;
      for (var p = 0; p < words.length; p++) {
        if (best[p][number] > 0) { coverage++; total += best[p][number]; }
        if (!title[p][number]) { allInTitle = false; }
      }
      var phrases = 0;
      for (var q = 0; q < phrase.length; q++) { phrases += phrase[q][number]; }
      keys.set(number, Math.min(coverage, rank.comptes_max) * rank.couverture +
        Math.min(phrases, rank.comptes_max) * rank.expressions + (allInTitle ? rank.titre : 0) +
        Math.min(total, rank.score_max) * rank.score + (rank.numero_max - number));
      outcome.complete.set(number, coverage);
    });
    return { keys: keys, outcome: outcome };
  };

  /* ------------------------------------------------------------------ filters */

  Moteur.prototype.loadFacets = function () {
    if (!this.facetsLoaded) {
      var self = this;
      this.facetsLoaded = fetchJson(this.url(this.index.fichier_facettes)).then(function (data) {
        Object.keys(data.colonnes).forEach(function (name) { self.columns[name] = data.colonnes[name]; });
      });
    }
    return this.facetsLoaded;
  };

  Moteur.prototype.hasColumns = function (facets) {
    var self = this;
    return facets.every(function (f) { return self.columns[f] !== undefined; });
  };

  /* A scheme's value in a facet column is a position, a list of positions, or -1 for
     "every territory". These two read it without building arrays (10,000 schemes are
     counted at each key). */
  function matches(value, mask) {
    if (typeof value === "number") { return value === -1 || mask[value] === 1; }
    for (var v = 0; v < value.length; v++) { if (mask[value[v]] === 1) { return true; } }
    return false;
  }

  function count(value, counts) {
    if (typeof value === "number") {
      if (value === -1) { for (var t = 0; t < counts.length; t++) { counts[t] += 1; } }
      else { counts[value] += 1; }
      return;
    }
    for (var v = 0; v < value.length; v++) { counts[value[v]] += 1; }
  }

  /* Schemes for a query and filters ({facet: [values]}), best first, with the count of
     each facet value (for the facets whose column is loaded). */
  /* Whether a scheme's sourced age bounds admit `age` (a scheme with none is kept). */
  Moteur.prototype.fitsAge = function (number, age) {
    var bounds = (this.index.ages || [])[number];
    if (!bounds) { return true; }
    return (bounds[0] === null || age >= bounds[0]) && (bounds[1] === null || age <= bounds[1]);
  };

  /* The age asked for: a whole number of years, or null. */
  function ageOf(values) {
    for (var i = 0; i < (values || []).length; i++) {
      if (/^[0-9]{1,3}$/.test(values[i])) { return Number(values[i]); }
    }
    return null;
  }

  Moteur.prototype.search = function (query, filters) {
    filters = Object.assign({}, filters || {});
    var age = ageOf(filters.age);
    delete filters.age;
    var scored = this.scores(query);
    var keys = scored.keys;
    var outcome = scored.outcome;
    var self = this;
    var selected = [];
    Object.keys(filters).forEach(function (facet) {
      var values = filters[facet];
      if (!values.length) { return; }
      var mask = new Uint8Array(self.facets[facet].length);
      self.facets[facet].forEach(function (entry, position) {
        if (values.indexOf(entry.valeur) >= 0) { mask[position] = 1; }
      });
      selected.push({ facet: facet, column: self.columns[facet], mask: mask });
    });
    var counted = Object.keys(this.facets).filter(function (f) { return self.columns[f] !== undefined; });
    var counts = {};
    var tallies = counted.map(function (f) {
      counts[f] = new Array(self.facets[f].length).fill(0);
      return { facet: f, column: self.columns[f], counts: counts[f] };
    });
    var shown = [];
    var pool = keys === null ? null : Array.from(keys.keys());
    var size = pool === null ? this.count : pool.length;
    for (var i = 0; i < size; i++) {
      var number = pool === null ? i : pool[i];
      if (age !== null && !this.fitsAge(number, age)) { continue; }
      var failing = null;
      var failures = 0;
      for (var s = 0; s < selected.length; s++) {
        if (!matches(selected[s].column[number], selected[s].mask)) {
          failures++;
          failing = selected[s].facet;
        }
      }
      if (failures === 0) { shown.push(number); }
      if (failures > 1) { continue; }
      for (var c = 0; c < tallies.length; c++) {
        if (failures === 1 && failing !== tallies[c].facet) { continue; }
        count(tallies[c].column[number], tallies[c].counts);
      }
    }
    if (keys !== null) {
      var sortKeys = new Float64Array(shown.length);
      for (var q = 0; q < shown.length; q++) { sortKeys[q] = keys.get(shown[q]); }
      sortKeys.sort();
      for (var r = 0; r < shown.length; r++) {
        shown[r] = this.rank.numero_max - (sortKeys[shown.length - 1 - r] % this.rank.score);
      }
    }
    outcome.numbers = shown;
    outcome.counts = counts;
    return outcome;
  };

  /* ------------------------------------------------------------------ fiches */

  Moteur.prototype.ficheName = function (number) {
    var f = this.index.fiches;
    return f.modele.replace("{n}", String(number))
      .replace("{h}", f.empreintes[Math.floor(number / f.groupe)]);
  };

  Moteur.prototype.fiche = function (number) {
    return this._loadFile(this.ficheName(number), this.fiches, function (data) { return data; });
  };

  Moteur.prototype.pageUrl = function (kind, id) {
    return this.index.adresses[kind].replace("{id}", encodeURIComponent(id));
  };

  function open(url) {
    var base = url.slice(0, url.lastIndexOf("/") + 1);
    return fetchJson(url).then(function (index) {
      if (index.format !== FORMAT) {
        throw new Error("format d'index inconnu : " + index.format);
      }
      return new Moteur(index, base);
    });
  }

  global.OffreMoteur = { open: open, withinOneEdit: withinOneEdit };
})(window);
