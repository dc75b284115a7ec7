/* Offre de services Clefop — page « Rechercher un dispositif ».
   Texte libre classé par pertinence (moteur.js) et facettes (territoire, public,
   thématique, priorité Clefop, porteur, type, statut, nature de la fiche, statut à
   confirmer) avec le nombre de dispositifs de
   chaque valeur, et la personne d'abord : sa commune (qui choisit son territoire et
   montre les lieux à sa portée), son âge (qui écarte les dispositifs dont les bornes
   sourcées l'excluent) et sa situation ; l'état vit dans l'adresse (partageable,
   précédent/suivant). Tout ce
   qui vient des données est écrit avec textContent : jamais de balisage venu des
   fiches. Aucune requête hors du site. Chargé dans l'en-tête de la page, avant ou après
   le moteur : depart.js lance cette partie quand le bloc de recherche est lu. */
(window.OffreDepartEnAttente = window.OffreDepartEnAttente || []).push(function () {
  "use strict";

  var global = window;
  var root = document.getElementById("offre-recherche");
  if (!root) { return; }
  // Milestones of the first search, for the benchmark (User Timing marks).
  function mark(name) { if (global.performance && performance.mark) { performance.mark(name); } }
  mark("offre-script");
  var Texte = global.OffreTexte;
  var PAGE = 10;
  var FIRST_BATCH = 3; // results shown first, on their own, when the page opens
  // The facets as the generator defines them (generator/outputs/search/facets.py): name, label,
  // several values or one, column shipped with the index, default values.
  var FACET_LIST = JSON.parse(root.getAttribute("data-facettes"));
  function facetNames(keep) {
    return FACET_LIST.filter(keep).map(function (f) { return f.nom; });
  }
  var MULTI = facetNames(function (f) { return f.multiple; });
  var FACETS = facetNames(function () { return true; });
  var FACET_NAMES = {};
  // What the page shows unless asked: open schemes an adviser mobilises (governance
  // bodies, plans and information services one click away).
  var DEFAULTS = {};
  FACET_LIST.forEach(function (f) {
    FACET_NAMES[f.nom] = f.libelle;
    if (f.defaut.length) { DEFAULTS[f.nom] = f.defaut; }
  });
  // Facets whose column comes with the index (no facet file needed to filter on them).
  var INDEX_FACETS = facetNames(function (f) { return f.index; });
  var SNIPPET = 220;
  // Longest query searched (characters): an adviser types a few words; a pasted page or a
  // crafted address of 10,000 characters is cut here, with a visible note, so the page
  // stays responsive. To raise it, change this value (README, « Limites des entrées »).
  var MAX_QUERY = 200;
  var form = document.getElementById("offre-recherche-formulaire");
  var input = document.getElementById("offre-q");
  var territorySelect = document.getElementById("offre-territoire");
  var count = document.getElementById("offre-compte");
  var also = document.getElementById("offre-aussi");
  var list = document.getElementById("offre-resultats");
  var more = document.getElementById("offre-plus");
  var empty = document.getElementById("offre-vide");
  var panel = document.getElementById("offre-recherche-filtres");
  var toggle = document.getElementById("offre-filtres-bouton");
  var clear = document.getElementById("offre-effacer");
  var natures = document.getElementById("offre-natures");
  var ageInput = document.getElementById("offre-age");
  var situationSelect = document.getElementById("offre-situation");
  var base = root.getAttribute("data-racine") || "";

  var moteur = null;
  var failed = null;
  var shown = PAGE;
  var last = null; // {outcome, query, request}
  var request = 0;
  var truncatedNote = document.createElement("p");
  truncatedNote.id = "offre-q-tronquee";
  truncatedNote.className = "offre-recherche__aussi";
  truncatedNote.setAttribute("role", "status");
  truncatedNote.hidden = true;
  input.parentNode.parentNode.insertBefore(truncatedNote, input.parentNode.nextSibling);
  var state = readState(window.location.search);

  root.querySelectorAll("[data-offre-sans-js]").forEach(function (node) { node.hidden = true; });
  form.hidden = false;
  setPanel(window.matchMedia("(min-width: 60em)").matches);

  /* ---------------------------------------------------------------- état ↔ adresse */

  function readState(search) {
    var params = new URLSearchParams(search);
    var s = { q: limitQuery(params.get("q") || ""), territoire: params.get("territoire") || "",
              commune: params.get("commune") || "", age: validAge(params.get("age") || ""),
              situation: params.get("situation") || "" };
    MULTI.forEach(function (name) { s[name] = params.getAll(name).filter(Boolean); });
    Object.keys(DEFAULTS).forEach(function (name) {
      if (!s[name].length) { s[name] = DEFAULTS[name].slice(); }
    });
    return s;
  }

  /* The query as searched: at most MAX_QUERY characters (never half a surrogate pair),
     with a note saying so when it was cut. */
  function limitQuery(query) {
    if (query.length <= MAX_QUERY) {
      truncatedNote.hidden = true;
      return query;
    }
    var cut = query.slice(0, MAX_QUERY);
    var last = cut.charCodeAt(cut.length - 1);
    if (last >= 0xd800 && last <= 0xdbff) { cut = cut.slice(0, -1); }
    truncatedNote.textContent = "Recherche limitée aux " + MAX_QUERY + " premiers caractères " +
      "(le texte saisi en compte " + query.length + ") : raccourcissez-la.";
    truncatedNote.hidden = false;
    return cut;
  }

  /* A person's age as the address keeps it: whole years, 0 to 120, or "". */
  function validAge(text) {
    var value = String(text).trim();
    return /^[0-9]{1,3}$/.test(value) && Number(value) <= 120 ? String(Number(value)) : "";
  }

  function sameList(a, b) {
    return a.length === b.length && a.every(function (v, i) { return v === b[i]; });
  }

  function isDefault(s, name) {
    return DEFAULTS[name] !== undefined && sameList(s[name], DEFAULTS[name]);
  }

  function writeParams(s) {
    var params = new URLSearchParams();
    if (s.q) { params.set("q", s.q); }
    if (s.commune) { params.set("commune", s.commune); }
    if (s.age) { params.set("age", s.age); }
    if (s.situation) { params.set("situation", s.situation); }
    if (s.territoire) { params.set("territoire", s.territoire); }
    MULTI.forEach(function (name) {
      if (isDefault(s, name)) { return; }
      s[name].forEach(function (value) { params.append(name, value); });
    });
    var text = params.toString();
    return text ? "?" + text : window.location.pathname.split("/").pop() || "./";
  }

  function commit(push) {
    var target = writeParams(state);
    var current = window.location.search || (window.location.pathname.split("/").pop() || "./");
    if (target === current) { return; }
    if (push) { window.history.pushState(null, "", target); }
    else { window.history.replaceState(null, "", target); }
  }

  function filters(s) {
    var out = {};
    if (s.territoire) { out.territoire = [s.territoire]; }
    MULTI.forEach(function (name) { if (s[name].length) { out[name] = s[name].slice(); } });
    if (s.situation) { out.situation = [s.situation]; }
    if (s.age) { out.age = [s.age]; }
    return out;
  }

  function activeFilters(s) {
    var n = s.territoire ? 1 : 0;
    MULTI.forEach(function (name) {
      n += isDefault(s, name) ? 0 : s[name].length;
    });
    return n;
  }

  function needsFacets(s) {
    return !!s.territoire || !!s.situation || MULTI.some(function (name) {
      return INDEX_FACETS.indexOf(name) < 0 && s[name].length;
    });
  }

  /* ---------------------------------------------------------------- facettes */

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function sortedValues(facet) {
    return moteur.facets[facet].map(function (entry, position) {
      return { valeur: entry.valeur, libelle: entry.libelle, position: position };
    }).sort(function (a, b) { return Texte.compare(a.libelle, b.libelle); });
  }

  var valueRows = []; // {box, label, wrapper, facet, position}: the checkboxes, once built

  /* The situations the schemes name (the « situation » facet), in the person's box. */
  var situationsBuilt = false;
  function buildSituations() {
    if (situationsBuilt || !moteur.facets.situation) { return; }
    situationsBuilt = true;
    sortedValues("situation").forEach(function (entry) {
      var option = document.createElement("option");
      option.value = entry.valeur;
      option.textContent = entry.libelle;
      situationSelect.appendChild(option);
    });
  }

  function buildFacets() {
    sortedValues("territoire").forEach(function (entry) {
      var option = document.createElement("option");
      option.value = entry.valeur;
      option.setAttribute("data-libelle", entry.libelle);
      option.setAttribute("data-position", entry.position);
      option.textContent = entry.libelle;
      territorySelect.appendChild(option);
    });
    MULTI.forEach(function (name) {
      var box = root.querySelector("[data-facette=" + name + "]");
      if (!box) { return; }
      sortedValues(name).forEach(function (entry) {
        var id = "offre-f-" + name + "-" + entry.valeur;
        var wrapper = element("div", "offre-facette__valeur");
        var checkbox = document.createElement("input");
        checkbox.type = "checkbox"; checkbox.name = name; checkbox.value = entry.valeur; checkbox.id = id;
        checkbox.setAttribute("data-position", entry.position);
        var label = element("label", "", entry.libelle);
        label.setAttribute("for", id);
        label.setAttribute("data-libelle", entry.libelle);
        wrapper.appendChild(checkbox); wrapper.appendChild(label);
        box.appendChild(wrapper);
        valueRows.push({ box: checkbox, label: label, wrapper: wrapper, facet: name,
                         text: entry.libelle, position: entry.position });
      });
    });
  }

  /* The facets are built after the first results (or at once when a filter is set):
     the results are what the page is opened for. */
  var facetsBuilt = false;
  function ensureFacets() {
    if (facetsBuilt) { return; }
    facetsBuilt = true;
    var started = performance.now();
    buildFacets();
    syncControls();
    if (last) { renderCounts(last.outcome.counts); }
    measure("offre-travail", started);
  }

  function syncControls() {
    input.value = state.q;
    if (ageInput.value !== state.age && validAge(ageInput.value) !== state.age) { ageInput.value = state.age; }
    situationSelect.value = state.situation;
    if (situationSelect.value !== state.situation) { situationSelect.value = ""; }
    territorySelect.value = state.territoire;
    if (territorySelect.value !== state.territoire) { territorySelect.value = ""; }
    MULTI.forEach(function (name) {
      root.querySelectorAll("input[type=checkbox][name=" + name + "]").forEach(function (box) {
        box.checked = state[name].indexOf(box.value) >= 0;
      });
    });
    var n = activeFilters(state) + (state.age ? 1 : 0) + (state.situation ? 1 : 0);
    toggle.textContent = n ? "Filtres (" + n + ")" : "Filtres";
    clear.hidden = n === 0;
  }

  function setPanel(open) {
    panel.hidden = !open;
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
  }

  /* Counts beside each value; a value with no scheme is hidden unless selected. */
  function renderCounts(counts) {
    Array.prototype.forEach.call(territorySelect.options, function (option) {
      if (!option.value) { return; }
      var label = option.getAttribute("data-libelle");
      var known = counts.territoire;
      var n = known ? known[Number(option.getAttribute("data-position"))] : null;
      option.textContent = n === null ? label : label + " (" + n + ")";
      option.hidden = n === 0 && option.value !== state.territoire;
    });
    valueRows.forEach(function (row) {
      var known = counts[row.facet];
      var n = known ? known[row.position] : null;
      var text = row.text + (n === null ? "" : " (" + n + ")");
      if (row.label.textContent !== text) { row.label.textContent = text; }
      var hidden = n === 0 && !row.box.checked;
      if (row.wrapper.hidden !== hidden) { row.wrapper.hidden = hidden; }
    });
  }

  /* ---------------------------------------------------------------- extraits */

  var TOKEN = /[\p{L}\p{N}]+/gu;

  // Each token of the fiches folded and stemmed once: the same words recur from one
  // passage and one fiche to the next (a page of results reads thousands of tokens).
  var wordCache = new Map();
  var WORD_CACHE_MAX = 20000;
  function cachedWord(token) {
    var w = wordCache.get(token);
    if (w === undefined) {
      if (wordCache.size >= WORD_CACHE_MAX) { wordCache.clear(); }
      w = Texte.word(token, moteur.stopWords);
      wordCache.set(token, w);
    }
    return w;
  }

  function hits(text, outcome) {
    var found = [];
    TOKEN.lastIndex = 0;
    var match;
    while ((match = TOKEN.exec(text)) !== null) {
      var w = cachedWord(match[0]);
      if (w && outcome.matched.has(w.stem)) {
        found.push({ start: match.index, end: match.index + match[0].length, stem: w.stem });
      }
    }
    return found;
  }

  /* The passage with the most distinct matched words (the summary when none has any),
     cut around its first match. */
  function snippet(fiche, outcome) {
    var best = null;
    fiche.passages.forEach(function (passage, position) {
      var text = String(passage.texte).normalize("NFC");
      var found = hits(text, outcome);
      var distinct = new Set(found.map(function (h) { return h.stem; })).size;
      if (best === null || distinct > best.distinct) {
        best = { text: text, found: found, distinct: distinct, position: position };
      }
    });
    if (!best) { return { text: "", found: [] }; }
    var text = best.text;
    var found = best.found;
    var start = 0;
    var end = text.length;
    if (text.length > SNIPPET) {
      var first = found.length ? found[0].start : 0;
      start = Math.max(0, first - 60);
      if (start > 0) {
        var space = text.lastIndexOf(" ", start);
        start = space > 0 ? space + 1 : start;
      }
      end = Math.min(text.length, start + SNIPPET);
      if (end < text.length) {
        var cut = text.lastIndexOf(" ", end);
        end = cut > start ? cut : end;
      }
    }
    return { text: text, found: found, start: start, end: end };
  }

  function renderSnippet(container, fiche, outcome) {
    var cut = snippet(fiche, outcome);
    if (cut.start > 0) { container.appendChild(document.createTextNode("… ")); }
    var position = cut.start;
    cut.found.forEach(function (h) {
      if (h.start < position || h.end > cut.end) { return; }
      container.appendChild(document.createTextNode(cut.text.slice(position, h.start)));
      container.appendChild(element("mark", "", cut.text.slice(h.start, h.end)));
      position = h.end;
    });
    container.appendChild(document.createTextNode(cut.text.slice(position, cut.end)));
    if (cut.end < cut.text.length) { container.appendChild(document.createTextNode(" …")); }
  }

  /* ---------------------------------------------------------------- résultats */

  function badge(text, modifier) {
    return element("span", "offre-badge" + (modifier ? " offre-badge--" + modifier : ""), text);
  }

  function statusOf(number) {
    return moteur.facets.statut[moteur.columns.statut[number]];
  }

  function natureOf(number) {
    return moteur.facets.nature[moteur.columns.nature[number]];
  }

  function inDoubt(number) {
    return moteur.columns.doute[number].length > 0;
  }

  function describeAges(bounds) {
    if (bounds[0] !== null && bounds[1] !== null) { return "De " + bounds[0] + " à " + bounds[1] + " ans"; }
    if (bounds[0] !== null) { return "À partir de " + bounds[0] + " ans"; }
    return "Jusqu'à " + bounds[1] + " ans";
  }

  function renderItem(number, fiche, outcome) {
    var li = element("li", "offre-item");
    li.setAttribute("data-dispositif", fiche.id);
    var link = element("a", "offre-item__titre",
      fiche.titre + (fiche.sigle && fiche.titre.indexOf(fiche.sigle) < 0 ? " (" + fiche.sigle + ")" : ""));
    link.href = base + moteur.pageUrl("dispositif", fiche.id);
    li.appendChild(link);
    var badges = element("span", "offre-item__badges");
    badges.appendChild(badge(fiche.porteur, "porteur"));
    badges.appendChild(badge(fiche.type));
    if (fiche.local) { badges.appendChild(badge(moteur.labels.local, "local")); }
    var nature = natureOf(number);
    if (nature.valeur !== "dispositif") { badges.appendChild(badge(nature.libelle, "nature")); }
    var status = statusOf(number);
    // A scheme in doubt never reads « Actif »: its badge says the status is to be confirmed.
    if (inDoubt(number)) { badges.appendChild(badge(moteur.labels.a_confirmer, "a-confirmer")); }
    else if (status.valeur !== "actif") { badges.appendChild(badge(status.libelle, "statut-" + status.valeur)); }
    if (state.age) {
      var bounds = (moteur.index.ages || [])[number];
      if (!bounds) { badges.appendChild(badge("Conditions d'âge non précisées", "age-inconnu")); }
      else { badges.appendChild(badge(describeAges(bounds), "age")); }
    }
    li.appendChild(document.createTextNode(" "));
    li.appendChild(badges);
    var text = element("span", "offre-item__resume");
    renderSnippet(text, fiche, outcome);
    li.appendChild(text);
    // Only what a person can still be sent to: not an ended or replaced scheme.
    if (nature.valeur === "dispositif" && status.valeur !== "termine" && status.valeur !== "remplace") {
      var add = element("a", "offre-item__ajouter", "Ajouter à ma sélection");
      add.href = base + moteur.pageUrl("selection") + "?ajouter=d." + fiche.id;
      add.setAttribute("aria-label", "Ajouter « " + fiche.titre + " » à ma sélection");
      li.appendChild(add);
    }
    return li;
  }

  function measure(name, started) {
    if (global.performance && performance.measure) {
      try { performance.measure(name, { start: started, end: performance.now() }); } catch (e) { /* old browsers */ }
    }
  }

  /* Appends the items of `numbers` in order, each as soon as it and those before it
     have their fiche; `replace` empties the list when the first one is ready. */
  var displayed = ""; // what the list shows: scheme numbers and the words marked

  function signature(numbers, outcome) {
    return numbers.join(",") + "|" + Array.from(outcome.matched).sort().join(" ");
  }

  function showItems(numbers, outcome, id, replace, done) {
    var same = signature(numbers, outcome);
    if (replace) {
      // While a word is being typed the first results often stay the same: no work then.
      // `displayed` is what the list shows, set when it is replaced: a render overtaken
      // while its fiches load never showed anything, so the next one must not skip.
      if (same === displayed) { done(); return; }
    } else {
      displayed = "";
    }
    var fiches = new Array(numbers.length);
    var next = 0;
    var replaced = !replace;
    function flush() {
      if (id !== request) { return; }
      var started = performance.now();
      var fragment = document.createDocumentFragment();
      // Into an empty list (the page just opened), the first results go out in a task of
      // their own, painted before the others' snippets are cut; while typing, the list
      // changes in one go.
      var budget = !replaced && !list.firstChild ? FIRST_BATCH : numbers.length;
      while (next < numbers.length && fiches[next] !== undefined && budget > 0) {
        if (fiches[next]) { fragment.appendChild(renderItem(numbers[next], fiches[next], outcome)); }
        next++;
        budget--;
      }
      if (!replaced && (fragment.childNodes.length || next === numbers.length)) {
        list.textContent = "";
        replaced = true;
        displayed = same;
      }
      list.appendChild(fragment);
      measure("offre-travail", started);
      if (next === numbers.length) { done(); }
      else if (fiches[next] !== undefined) { window.setTimeout(flush, 0); }
    }
    if (!numbers.length) { flush(); return; }
    numbers.forEach(function (number, i) {
      moteur.fiche(number).then(function (f) { fiches[i] = f; flush(); },
                                function () { fiches[i] = null; flush(); });
    });
  }

  var lastMessage = "";
  function announce(message) {
    if (message === lastMessage) { return; }
    lastMessage = message;
    count.textContent = message;
  }

  function summary(outcome) {
    var n = outcome.numbers.length;
    if (n === 0) { return "Aucun dispositif ne correspond à cette recherche."; }
    var text = n === 1 ? "1 dispositif trouvé" : n + " dispositifs trouvés";
    if (outcome.words.length > 1) {
      var all = 0;
      outcome.numbers.forEach(function (number) {
        if (outcome.complete.get(number) === outcome.words.length) { all++; }
      });
      if (all < n) { text += " (" + (all === 0 ? "aucun" : all) + " avec tous les mots)"; }
    }
    return text + ".";
  }

  function renderAlso(outcome) {
    also.textContent = "";
    also.hidden = !outcome.also.length;
    if (!outcome.also.length) { return; }
    also.appendChild(document.createTextNode("Aussi cherché : "));
    outcome.also.forEach(function (label, i) {
      if (i) { also.appendChild(document.createTextNode(", ")); }
      also.appendChild(element("q", "", label));
    });
    also.appendChild(document.createTextNode("."));
  }

  /* What to do when nothing matches: each filter that, dropped, gives results; the
     statuses hidden by default; the text itself. */
  function renderEmpty(outcome, query) {
    empty.textContent = "";
    empty.hidden = outcome.numbers.length > 0;
    if (outcome.numbers.length) { return; }
    var options = [];
    function tryState(label, change) {
      var next = JSON.parse(JSON.stringify(state));
      change(next);
      var n = moteur.search(next.q, filters(next)).numbers.length;
      if (n > 0) { options.push({ label: label, n: n, change: change }); }
    }
    if (state.territoire) {
      tryState("Retirer le filtre « Territoire : " + labelOf("territoire", state.territoire) + " »",
               function (s) { s.territoire = ""; s.commune = ""; });
    }
    if (state.age) {
      tryState("Retirer l'âge (" + state.age + " ans)", function (s) { s.age = ""; });
    }
    if (state.situation) {
      tryState("Retirer la situation « " + labelOf("situation", state.situation) + " »",
               function (s) { s.situation = ""; });
    }
    MULTI.forEach(function (name) {
      state[name].forEach(function (value) {
        if (DEFAULTS[name] !== undefined) { return; }
        tryState("Retirer le filtre « " + FACET_NAMES[name] + " : " + labelOf(name, value) + " »",
                 function (s) { s[name] = s[name].filter(function (v) { return v !== value; }); });
      });
    });
    if (isDefault(state, "statut")) {
      tryState("Inclure les dispositifs suspendus, terminés ou remplacés", function (s) {
        s.statut = moteur.facets.statut.map(function (e) { return e.valeur; });
      });
    }
    if (isDefault(state, "nature")) {
      tryState(OTHER_NATURES, function (s) { s.nature = allNatures(); });
    }
    // Every word is optional already: with no match, no single word is to blame, only
    // the text as a whole (or a filter).
    var words = outcome.words;
    if (words.length) {
      tryState(activeFilters(state) ? "Chercher sans les mots-clés, avec les seuls filtres"
                                    : "Voir tous les dispositifs, sans les mots-clés",
               function (s) { s.q = ""; });
    }
    var intro = element("p", "", options.length
      ? "Essayez plutôt :"
      : "Vérifiez l'orthographe des mots, ou essayez un mot plus courant.");
    empty.appendChild(intro);
    if (!options.length) { return; }
    var ul = element("ul", "offre-recherche__suggestions");
    options.sort(function (a, b) { return b.n - a.n; }).forEach(function (option) {
      var li = document.createElement("li");
      var button = element("button", "offre-recherche__bouton",
        option.label + " (" + (option.n === 1 ? "1 dispositif" : option.n + " dispositifs") + ")");
      button.type = "button";
      button.addEventListener("click", function () {
        option.change(state);
        shown = PAGE;
        syncControls();
        commit(true);
        render();
        input.focus();
      });
      li.appendChild(button);
      ul.appendChild(li);
    });
    empty.appendChild(ul);
  }

  /* ---------------------------------------------------------------- natures */

  var OTHER_NATURES = "Inclure les instances, plans et services d'information";

  function allNatures() {
    return moteur.facets.nature.map(function (e) { return e.valeur; });
  }

  /* The other kinds of record, one click away: the button says how many match. */
  function renderNatures(outcome) {
    var counted = outcome.counts.nature;
    var others = 0;
    moteur.facets.nature.forEach(function (entry, position) {
      if (entry.valeur !== "dispositif" && state.nature.indexOf(entry.valeur) < 0) {
        others += counted[position];
      }
    });
    var text = "";
    if (isDefault(state, "nature")) {
      if (others > 0) { text = OTHER_NATURES + " (" + others + ")"; }
    } else {
      text = "Ne montrer que les dispositifs mobilisables";
    }
    natures.hidden = !text;
    if (natures.textContent !== text) { natures.textContent = text; }
  }

  function labelOf(facet, value) {
    var entries = moteur.facets[facet];
    for (var i = 0; i < entries.length; i++) { if (entries[i].valeur === value) { return entries[i].libelle; } }
    return value;
  }

  function finish(id) {
    if (id === request) { root.setAttribute("data-etat", "pret"); }
  }

  function render() {
    if (!moteur) { return; }
    var id = ++request;
    root.setAttribute("data-etat", "chargement");
    var query = state.q;
    var wanted = [moteur.prepare(query)];
    if (needsFacets(state)) { wanted.push(moteur.loadFacets()); }
    Promise.all(wanted).then(function () {
      if (id !== request) { return; }
      if (needsFacets(state)) { ensureFacets(); }
      var started = performance.now();
      var outcome = moteur.search(query, filters(state));
      last = { outcome: outcome, query: query, id: id };
      renderCounts(outcome.counts);
      announce(summary(outcome));
      renderNatures(outcome);
      renderAlso(outcome);
      renderEmpty(outcome, query);
      more.hidden = outcome.numbers.length <= shown;
      measure("offre-travail", started);
      showItems(outcome.numbers.slice(0, shown), outcome, id, true, function () {
        ensureFacets();
        finish(id);
        if (!moteur.hasColumns(FACETS)) {
          moteur.loadFacets().then(function () {
            if (id !== request) { return; }
            var recount = performance.now();
            renderCounts(moteur.search(query, filters(state)).counts);
            measure("offre-travail", recount);
          });
        }
      });
    }).catch(function (error) {
      if (id !== request) { return; }
      announce("La recherche n'a pas pu être chargée (" + error.message + ").");
      finish(id);
    });
  }

  /* ---------------------------------------------------------------- évènements */

  var typingTimer = null;
  var addressTimer = null;
  input.addEventListener("input", function () {
    window.clearTimeout(typingTimer);
    typingTimer = window.setTimeout(function () {
      state.q = limitQuery(input.value);
      shown = PAGE;
      render();
      // The address follows once typing pauses: rewriting it saves the scroll position,
      // which lays the page out again, at every key otherwise.
      window.clearTimeout(addressTimer);
      addressTimer = window.setTimeout(function () { commit(false); }, 400);
    }, 60);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    window.clearTimeout(addressTimer);
    state.q = limitQuery(input.value);
    commit(true);
    render();
  });
  var ageTimer = null;
  ageInput.addEventListener("input", function () {
    window.clearTimeout(ageTimer);
    ageTimer = window.setTimeout(function () {
      var age = validAge(ageInput.value);
      if (age === state.age) { return; }
      state.age = age;
      shown = PAGE;
      syncControls();
      commit(false);
      render();
    }, 250);
  });
  toggle.addEventListener("click", function () {
    setPanel(panel.hidden);
    // The filters follow the results in the document: opened, they take the focus.
    if (!panel.hidden) { document.getElementById("offre-filtres-titre").focus(); }
  });
  natures.addEventListener("click", function () {
    state.nature = isDefault(state, "nature") ? allNatures() : DEFAULTS.nature.slice();
    shown = PAGE;
    syncControls();
    commit(true);
    render();
  });
  clear.addEventListener("click", function () {
    state.territoire = "";
    state.commune = "";
    state.age = "";
    state.situation = "";
    if (communeInput) { communeInput.value = ""; }
    if (placesBox) { placesBox.textContent = ""; }
    MULTI.forEach(function (name) { state[name] = DEFAULTS[name] ? DEFAULTS[name].slice() : []; });
    shown = PAGE;
    syncControls();
    commit(true);
    render();
    toggle.focus();
  });
  root.addEventListener("change", function (event) {
    var target = event.target;
    if (target === territorySelect) {
      state.territoire = territorySelect.value;
      // A territory chosen by hand replaces the person's commune.
      state.commune = "";
      if (communeInput) { communeInput.value = ""; }
      if (placesBox) { placesBox.textContent = ""; }
    } else if (target === situationSelect) {
      state.situation = situationSelect.value;
    } else if (target === ageInput) {
      state.age = validAge(ageInput.value);
    } else if (target.type === "checkbox" && MULTI.indexOf(target.name) >= 0) {
      state[target.name] = Array.prototype.map.call(
        root.querySelectorAll("input[type=checkbox][name=" + target.name + "]:checked"),
        function (box) { return box.value; });
    } else {
      return;
    }
    shown = PAGE;
    syncControls();
    commit(true);
    render();
  });
  // Leaving for a result: the address first takes the query being typed (for « back »).
  list.addEventListener("click", function () {
    window.clearTimeout(addressTimer);
    commit(false);
  }, true);
  more.addEventListener("click", function () {
    if (!last) { return; }
    var first = shown;
    shown += PAGE;
    var numbers = last.outcome.numbers.slice(first, shown);
    more.hidden = last.outcome.numbers.length <= shown;
    var id = request;
    root.setAttribute("data-etat", "chargement");
    showItems(numbers, last.outcome, id, false, function () {
      finish(id);
      var next = list.children[first];
      if (next) { next.querySelector("a").focus(); }
    });
  });
  window.addEventListener("popstate", function () {
    state = readState(window.location.search);
    if (communeInput && communeInput.value !== state.commune) {
      communeInput.value = state.commune;
      communeInput.dispatchEvent(new Event("input"));
      if (!state.commune && placesBox) { placesBox.textContent = ""; }
    }
    syncControls();
    shown = PAGE;
    render();
  });

  /* The person's commune narrows the results to its territory (schemes of the territory
     or of the whole region) and shows the places within reach; the address keeps the
     commune's INSEE code, which the box finds again on reload. */
  var communeBox = document.getElementById("offre-recherche-commune");
  var communeInput = null;
  var placesBox = document.getElementById("offre-lieux");
  if (communeBox && global.OffreCommunes) {
    communeInput = communeBox.querySelector("input[name=commune]");
    if (state.commune) { communeInput.value = state.commune; }
    var communesUrl = communeBox.getAttribute("data-communes");
    // A commune typed by the person adds a step to the history; one read from the
    // address (a shared link, the home page's form, « back ») only completes it.
    var communeTyped = false;
    communeInput.addEventListener("input", function (event) { communeTyped = event.isTrusted; });
    function showPlaces(commune) {
      if (placesBox && global.OffreLieux) {
        global.OffreLieux.show(placesBox, communeBox.getAttribute("data-lieux"), base, commune);
      }
    }
    /* Once the commune is settled, its line alone replaces the list of suggestions: the
       results, not the other communes, come next. */
    function summarise(table, commune) {
      var container = communeBox.querySelector("[data-offre-commune-resultats]");
      if (!container || commune.territoire < 0) { return; }
      var territory = table.territoires[commune.territoire];
      container.textContent = "";
      var list = element("ul", "offre-commune__liste");
      var item = document.createElement("li");
      item.setAttribute("data-commune", commune.code);
      var link = element("a", "", commune.nom + " (" + commune.departement + ") → territoire " + territory.nom);
      link.href = base + table.adresses.territoire.replace("{id}", encodeURIComponent(territory.id));
      link.setAttribute("data-territoire", territory.id);
      item.appendChild(link);
      if (commune.horsEpci) {
        item.appendChild(element("span", "offre-note",
          " (commune sans intercommunalité, rattachée directement au territoire)"));
      }
      item.appendChild(element("span", "offre-note",
        " : les dispositifs de ce territoire et de toute la région."));
      list.appendChild(item);
      container.appendChild(list);
    }
    function settle(commune) {
      if (!commune) {
        if (communeInput.value.trim() || !state.commune) { return; }
        state.commune = "";
        state.territoire = "";
        if (placesBox) { placesBox.textContent = ""; }
        syncControls(); shown = PAGE; commit(true); render();
        return;
      }
      global.OffreCommunes.load(communesUrl).then(function (table) {
        var territory = commune.territoire >= 0 ? table.territoires[commune.territoire].id : "";
        summarise(table, commune);
        showPlaces(commune);
        // A commune read from the address as its INSEE code reads as its name.
        if (!communeTyped && communeInput.value.trim() === commune.code) {
          communeInput.value = commune.nom;
        }
        if (state.commune === commune.code && state.territoire === territory) { return; }
        state.commune = commune.code;
        state.territoire = territory;
        syncControls(); shown = PAGE; commit(communeTyped); render();
      });
    }
    global.OffreCommunes.attach(communeBox, function (territoryId, commune) {
      state.territoire = territoryId;
      if (commune) { state.commune = commune.code; showPlaces(commune); }
      syncControls();
      shown = PAGE;
      commit(true);
      render();
    }, settle);
  }

  /* ---------------------------------------------------------------- démarrage */

  announce("Chargement de la recherche…");
  global.OffreDepart.moteur(root.getAttribute("data-index")).then(function (opened) {
    moteur = opened;
    mark("offre-index");
    buildSituations();
    // The words' shards are requested before the facets are built, not after.
    moteur.prepare(state.q).then(function () { mark("offre-tranches"); },
                                 function () { /* reported by render() */ });
    syncControls();
    render();
  }).catch(function (error) {
    failed = error;
    announce("La recherche n'a pas pu être chargée (" + error.message + ").");
    root.setAttribute("data-etat", "pret");
  });

  global.OffreRecherche = {
    state: function () { return state; },
    ready: function () { return root.getAttribute("data-etat") === "pret" && !failed; },
    moteur: function () { return moteur; }
  };
});
