/* Offre de services Clefop — « Ma sélection ».
   Les dispositifs et lieux retenus pendant un rendez-vous, la commune de la personne et
   une note : tout est dans l'adresse de la page, après « # » (jamais envoyé au serveur),
   et, pour la session, dans le sessionStorage de l'onglet. Rien ne part ailleurs.
   Adresse : #d=id1,id2&l=lieu1&c=49099&n=note ; « ?ajouter=d.id » (ou l.id) ajoute un
   élément à la sélection de la session (seul l'identifiant public de la fiche passe
   par le serveur, comme en ouvrant la fiche) : c'est le lien des boutons « Ajouter à
   ma sélection », qui marchent donc sans script sur les fiches. L'adresse est aussitôt
   réécrite sans « ?ajouter » : recharger la page n'ajoute rien deux fois. */
(function (global) {
  "use strict";

  var root = document.getElementById("offre-selection");
  if (!root) { return; }

  var STORAGE_KEY = "offre-selection";
  var MAX_PLACES = 3;
  var MAX_NOTE = 400;
  var MAX_ITEMS = 30;
  var ID = /^[a-z0-9][a-z0-9-]*$/;

  var listNode = root.querySelector("[data-offre-selection-liste]");
  var tools = root.querySelector("[data-offre-selection-outils]");
  var communeInput = root.querySelector("#offre-selection-commune");
  var communeBox = root.querySelector("[data-offre-selection-communes]");
  var noteInput = root.querySelector("#offre-selection-note");
  var noteNode = root.querySelector("[data-offre-selection-note]");
  var statusNode = root.querySelector("[data-offre-selection-etat]");
  var mailLink = root.querySelector("[data-offre-selection-courriel]");
  var smsLink = root.querySelector("[data-offre-selection-sms]");
  var linkLine = root.querySelector("[data-offre-selection-lien]");
  var linkNode = root.querySelector("[data-offre-selection-adresse]");
  var dateNode = root.querySelector("[data-offre-selection-date]");
  var qrBox = root.querySelector("[data-offre-selection-qr]");
  var qrImage = root.querySelector("[data-offre-selection-qr-image]");
  var drawnCode = null;
  var base = root.getAttribute("data-racine") || "";

  root.querySelectorAll("[data-offre-sans-js]").forEach(function (node) { node.hidden = true; });

  // ------------------------------------------------------------------ state

  function empty() { return { d: [], l: [], c: "", n: "" }; }

  function ids(text) {
    var seen = {};
    return String(text || "").split(",").filter(function (id) {
      if (!ID.test(id) || seen[id]) { return false; }
      seen[id] = true;
      return true;
    }).slice(0, MAX_ITEMS);
  }

  function parse(hash) {
    var params = new URLSearchParams(String(hash || "").replace(/^#/, ""));
    return {
      state: { d: ids(params.get("d")), l: ids(params.get("l")),
               c: String(params.get("c") || "").slice(0, 60), n: String(params.get("n") || "").slice(0, MAX_NOTE) },
      given: ["d", "l", "c", "n"].some(function (key) { return params.has(key); })
    };
  }

  function serialise(state) {
    var parts = [];
    if (state.d.length) { parts.push("d=" + state.d.join(",")); }
    if (state.l.length) { parts.push("l=" + state.l.join(",")); }
    if (state.c) { parts.push("c=" + encodeURIComponent(state.c)); }
    if (state.n) { parts.push("n=" + encodeURIComponent(state.n)); }
    return parts.join("&");
  }

  function stored() {
    try {
      var raw = global.sessionStorage.getItem(STORAGE_KEY);
      return raw ? parse("#" + raw).state : null;
    } catch (e) { return null; }
  }

  function store(state) {
    try { global.sessionStorage.setItem(STORAGE_KEY, serialise(state)); } catch (e) { /* storage off */ }
  }

  function address(state) {
    var hash = serialise(state);
    var here = global.location;
    return here.origin + here.pathname + (hash ? "#" + hash : "");
  }

  function initialState() {
    var asked = parse(global.location.hash);
    var state = asked.given ? asked.state : (stored() || empty());
    var add = new URLSearchParams(global.location.search).get("ajouter");
    if (add) {
      var kind = add.slice(0, 2);
      var id = add.slice(2);
      var list = kind === "d." ? state.d : kind === "l." ? state.l : null;
      if (list && ID.test(id) && list.indexOf(id) < 0 && list.length < MAX_ITEMS) { list.push(id); }
    }
    return state;
  }

  var state = initialState();
  store(state);
  global.history.replaceState(null, "", address(state));

  function commit(push) {
    store(state);
    if (push) { global.history.pushState(null, "", address(state)); }
    else { global.history.replaceState(null, "", address(state)); }
    render();
  }

  // ------------------------------------------------------------------ helpers

  function element(tag, attributes, text) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) { node.setAttribute(name, attributes[name]); });
    if (text) { node.textContent = text; }
    return node;
  }

  function loadJson(url) {
    return fetch(url).then(function (response) {
      if (!response.ok) { throw new Error("HTTP " + response.status); }
      return response.json();
    });
  }

  function pageUrl(kind, id) {
    return base + data.adresses[kind].replace("{id}", encodeURIComponent(id));
  }

  function schemeTitle(s) { return s.titre + (s.sigle ? " (" + s.sigle + ")" : ""); }

  function phoneHref(number) { return "tel:" + String(number).replace(/[^0-9+]/g, ""); }

  function today() {
    return new Date().toLocaleDateString("fr-FR", { day: "numeric", month: "long", year: "numeric" });
  }

  // ------------------------------------------------------------------ data

  var data = null;
  var communes = null;
  var served = {}; // INSEE code → place ids serving it (the search's places tables)
  var placesIndex = null; // the places index: one part per intercommunality, fetched on demand
  var servedParts = {};
  var placesFolder = (root.getAttribute("data-lieux") || "").replace(/[^\/]*$/, "");
  var commune = null; // the commune settled on: {code, nom, departement, territoire}

  function placeTable(table) {
    var at = table.colonnes.indexOf("id");
    var lieux = table.lieux.map(function (row) { return row[at]; });
    var byCommune = {};
    Object.keys(table.communes).forEach(function (code) {
      byCommune[code] = table.communes[code].map(function (n) { return lieux[n]; });
    });
    return byCommune;
  }

  // The places of the commune's part (its intercommunality), loaded once: the table is
  // split so that a lookup stays small whatever the number of places.
  function ensureServed() {
    if (!commune || !placesIndex) { return Promise.resolve(); }
    var number = (placesIndex.communes || {})[commune.code];
    var part = number === undefined ? null : (placesIndex.parties || [])[number];
    if (!part) { return Promise.resolve(); }
    if (!servedParts[part]) {
      servedParts[part] = loadJson(placesFolder + part).then(function (table) {
        var byCommune = placeTable(table);
        Object.keys(byCommune).forEach(function (code) { served[code] = byCommune[code]; });
      });
    }
    return servedParts[part];
  }

  function territoryOf(c) {
    return c && c.territoire >= 0 ? communes.territoires[c.territoire] : null;
  }

  function communeLabel(c) { return c.nom + " (" + c.departement + ")"; }

  // Where the person goes for a scheme: the places delivering it that serve the commune,
  // else those of the commune's territory (area not given), else a contact.
  function whereToGo(scheme) {
    if (!commune) { return { places: [], note: "", contact: scheme.contact }; }
    var territory = territoryOf(commune);
    var contact = (territory && scheme.contacts_territoires[territory.id]) || scheme.contact;
    var serving = served[commune.code] || [];
    var here = scheme.lieux.filter(function (id) { return serving.indexOf(id) >= 0; });
    if (here.length) { return { places: here, note: "", contact: contact }; }
    var nearby = territory ? (scheme.lieux_par_territoire[territory.id] || []) : [];
    if (nearby.length) {
      return { places: nearby, contact: contact,
               note: "Zone desservie non précisée : téléphonez avant de vous déplacer." };
    }
    return { places: [], note: "", contact: contact };
  }

  // ------------------------------------------------------------------ rendering

  function field(parent, label, content) {
    if (!content || (content.length !== undefined && !content.length)) { return; }
    parent.appendChild(element("dt", {}, label));
    var dd = element("dd");
    if (typeof content === "string") { dd.textContent = content; } else { dd.appendChild(content); }
    parent.appendChild(dd);
  }

  function lines(items) {
    var ul = element("ul");
    items.forEach(function (text) { ul.appendChild(element("li", {}, text)); });
    return ul;
  }

  function contactBlock(contact) {
    var p = element("p", { "class": "offre-selection__contact" });
    var parts = [contact.nom, contact.adresse].filter(Boolean);
    if (parts.length) { p.appendChild(document.createTextNode(parts.join(", ") + " ")); }
    if (contact.telephone) {
      p.appendChild(element("a", { href: phoneHref(contact.telephone) }, contact.telephone));
      p.appendChild(document.createTextNode(" "));
    }
    if (contact.courriel) {
      p.appendChild(element("a", { href: "mailto:" + contact.courriel }, contact.courriel));
      p.appendChild(document.createTextNode(" "));
    }
    if (contact.site) { p.appendChild(element("a", { href: contact.site }, contact.site)); }
    if (contact.precisions) { p.appendChild(element("span", { "class": "offre-note" }, " — " + contact.precisions)); }
    return p;
  }

  function placeBlock(place, tag) {
    var block = element(tag || "div", { "class": "offre-selection__lieu" });
    block.appendChild(element("strong", {}, place.nom));
    block.appendChild(element("span", {}, " — " + place.adresse.join(", ")));
    var contact = element("span", { "class": "offre-selection__tel" });
    if (place.telephone) {
      contact.appendChild(document.createTextNode(" — "));
      contact.appendChild(element("a", { href: phoneHref(place.telephone) }, place.telephone));
    }
    block.appendChild(contact);
    if (place.horaires.length) {
      block.appendChild(element("span", { "class": "offre-selection__horaires" }, "Horaires : " + place.horaires.join(" ; ")));
    }
    return block;
  }

  function removeButton(kind, id, title) {
    var button = element("button", { type: "button", "class": "offre-selection__retirer offre-ecran",
                                     "aria-label": "Retirer « " + title + " » de la sélection" }, "Retirer");
    button.addEventListener("click", function () {
      state[kind] = state[kind].filter(function (other) { return other !== id; });
      commit(true);
      statusNode.textContent = "« " + title + " » a été retiré de la sélection.";
      listNode.focus();
    });
    return button;
  }

  function renderScheme(id) {
    var scheme = data.dispositifs[id];
    var article = element("article", { "class": "offre-selection__item", "data-dispositif": id });
    if (!scheme) {
      article.appendChild(element("h2", {}, "Fiche introuvable (" + id + ")"));
      article.appendChild(element("p", {}, "Ce dispositif n'est plus publié sur le site sous cette adresse."));
      article.appendChild(removeButton("d", id, id));
      return article;
    }
    var title = element("h2");
    title.appendChild(element("a", { href: pageUrl("dispositif", id) }, schemeTitle(scheme)));
    article.appendChild(title);
    article.appendChild(element("p", { "class": "offre-selection__resume" }, scheme.resume));
    var dl = element("dl", { "class": "offre-selection__faits" });
    if (scheme.statut) {
      field(dl, "Statut", scheme.statut + " : renseignez-vous auprès de " + scheme.porteur + " avant toute démarche.");
    }
    field(dl, "Proposé par", scheme.porteur);
    field(dl, "Pour qui", scheme.publics);
    field(dl, scheme.frais_titre || "Coût", scheme.frais);
    field(dl, "Conditions", scheme.conditions.length ? lines(scheme.conditions) : null);
    var how = [];
    if (scheme.par.length) { how.push("Demande faite par " + scheme.par.join(" ou ") + "."); }
    if (scheme.modes.length) { how.push("Comment : " + scheme.modes.join(", ").toLowerCase() + "."); }
    if (scheme.demarche) { how.push(scheme.demarche); }
    if (how.length || scheme.lien) {
      var steps = element("div");
      how.forEach(function (text) { steps.appendChild(element("p", {}, text)); });
      if (scheme.lien) {
        var online = element("p");
        online.appendChild(document.createTextNode("En ligne : "));
        online.appendChild(element("a", { href: scheme.lien }, scheme.lien));
        steps.appendChild(online);
      }
      field(dl, "Démarche", steps);
    }
    var where = whereToGo(scheme);
    var whereNode = element("div", { "class": "offre-selection__ou" });
    if (where.places.length) {
      var ul = element("ul", { "class": "offre-selection__lieux" });
      where.places.slice(0, MAX_PLACES).forEach(function (lid) {
        if (data.lieux[lid]) { ul.appendChild(placeBlock(data.lieux[lid], "li")); }
      });
      whereNode.appendChild(ul);
      if (where.places.length > MAX_PLACES) {
        whereNode.appendChild(element("p", { "class": "offre-note" },
          "et " + (where.places.length - MAX_PLACES) + " autre(s) lieu(x) : voir la fiche en ligne."));
      }
      if (where.note) { whereNode.appendChild(element("p", { "class": "offre-note" }, where.note)); }
    } else if (where.contact) {
      whereNode.appendChild(contactBlock(where.contact));
    } else if (commune) {
      whereNode.appendChild(element("p", {}, "Aucun lieu d'accueil connu pour " + communeLabel(commune) +
        " : contactez " + scheme.porteur + "."));
    } else {
      whereNode.appendChild(element("p", { "class": "offre-note" },
        "Indiquez la commune de la personne pour voir où s'adresser."));
    }
    field(dl, commune ? "Où s'adresser depuis " + commune.nom : "Où s'adresser", whereNode);
    article.appendChild(dl);
    article.appendChild(removeButton("d", id, schemeTitle(scheme)));
    return article;
  }

  function renderPlace(id) {
    var place = data.lieux[id];
    var article = element("article", { "class": "offre-selection__item", "data-lieu": id });
    if (!place) {
      article.appendChild(element("h2", {}, "Lieu introuvable (" + id + ")"));
      article.appendChild(removeButton("l", id, id));
      return article;
    }
    var title = element("h2");
    title.appendChild(element("a", { href: pageUrl("lieu", id) }, place.nom));
    article.appendChild(title);
    var dl = element("dl", { "class": "offre-selection__faits" });
    field(dl, "Adresse", place.adresse.join(", "));
    if (place.telephone) {
      field(dl, "Téléphone", element("a", { href: phoneHref(place.telephone) }, place.telephone));
    }
    if (place.courriel) { field(dl, "Courriel", element("a", { href: "mailto:" + place.courriel }, place.courriel)); }
    if (place.site) { field(dl, "Site", element("a", { href: place.site }, place.site)); }
    field(dl, "Horaires", place.horaires.join(" ; "));
    article.appendChild(dl);
    article.appendChild(removeButton("l", id, place.nom));
    return article;
  }

  // ------------------------------------------------------------------ texts sent

  function itemsText(long) {
    var out = [];
    state.d.forEach(function (id) {
      var scheme = data.dispositifs[id];
      if (!scheme) { return; }
      if (!long) { out.push(schemeTitle(scheme)); return; }
      var text = "- " + schemeTitle(scheme) + " : " + scheme.resume;
      var where = whereToGo(scheme);
      if (where.places.length && data.lieux[where.places[0]]) {
        var p = data.lieux[where.places[0]];
        text += "\n  Où s'adresser : " + p.nom + ", " + p.adresse.join(", ") + (p.telephone ? ", " + p.telephone : "");
      } else if (where.contact && where.contact.telephone) {
        text += "\n  Contact : " + [where.contact.nom, where.contact.telephone].filter(Boolean).join(", ");
      }
      out.push(text);
    });
    state.l.forEach(function (id) {
      var place = data.lieux[id];
      if (!place) { return; }
      out.push(long ? "- " + place.nom + " : " + place.adresse.join(", ") + (place.telephone ? ", " + place.telephone : "") : place.nom);
    });
    return out;
  }

  // The QR code holds the address without the note: shorter, so easy to scan on paper,
  // and the note (which may be personal) is not in it. Drawn by qrcode-generator (a
  // vendored file) as SVG with the quiet zone readers need (four modules), parsed as
  // SVG, never inserted as HTML.
  function drawCode(count) {
    var link = address({ d: state.d, l: state.l, c: state.c, n: "" });
    if (!global.qrcode || !count) { qrBox.hidden = true; return; }
    if (link === drawnCode) { qrBox.hidden = false; return; }
    try {
      var code = global.qrcode(0, "M");
      code.addData(link);
      code.make();
      var svg = new DOMParser().parseFromString(code.createSvgTag({ cellSize: 2, margin: 8, scalable: true }),
                                               "image/svg+xml").documentElement;
      svg.setAttribute("role", "img");
      svg.setAttribute("aria-label", "Code QR de l'adresse de la sélection");
      qrImage.textContent = "";
      qrImage.appendChild(document.importNode(svg, true));
      qrBox.setAttribute("data-adresse", link);
      drawnCode = link;
      qrBox.hidden = false;
    } catch (e) {
      qrBox.hidden = true; // too long for a QR code: the printed address stays
    }
  }

  function updateSharing() {
    var link = address(state);
    var count = state.d.length + state.l.length;
    linkNode.textContent = link;
    linkLine.hidden = count === 0;
    drawCode(count);
    var body = "Bonjour,\n\nVoici les dispositifs et lieux vus ensemble :\n\n" + itemsText(true).join("\n\n") +
      (state.n ? "\n\nNote : " + state.n : "") + "\n\nLe détail, à garder : " + link + "\n";
    mailLink.href = "mailto:?subject=" + encodeURIComponent("Votre sélection : dispositifs et lieux") +
      "&body=" + encodeURIComponent(body);
    smsLink.href = "sms:?body=" + encodeURIComponent("Votre sélection : " + itemsText(false).join(", ") + ". Détail : " + link);
  }

  // ------------------------------------------------------------------ parts
  // Records come in parts (selection.py): a record's part is the FNV-1a hash of its id
  // modulo the number of parts; only the parts holding what is shown are fetched.

  function partOf(id, count) {
    var bytes = new TextEncoder().encode(id); // UTF-8, as in Python
    var value = 0x811c9dc5;
    for (var i = 0; i < bytes.length; i++) {
      value = Math.imul(value ^ bytes[i], 0x01000193) >>> 0;
    }
    return value % count;
  }
  global.OffreSelection = { partie: partOf };

  var dataUrl = root.getAttribute("data-donnees");
  var dataFolder = dataUrl.slice(0, dataUrl.lastIndexOf("/") + 1);
  var parts = { dispositifs: {}, lieux: {} };

  function ensure(kind, wanted) {
    var names = data.parties[kind];
    var numbers = {};
    wanted.forEach(function (id) {
      if (!data[kind][id]) { numbers[partOf(id, names.length)] = true; }
    });
    return Promise.all(Object.keys(numbers).map(function (n) {
      if (!parts[kind][n]) {
        parts[kind][n] = loadJson(dataFolder + names[n]).then(function (records) {
          Object.keys(records).forEach(function (id) { data[kind][id] = records[id]; });
        });
        parts[kind][n].catch(function () { delete parts[kind][n]; }); // tried again next time
      }
      return parts[kind][n];
    }));
  }

  function placesShown() {
    var wanted = state.l.slice();
    state.d.forEach(function (id) {
      var scheme = data.dispositifs[id];
      if (scheme) { wanted = wanted.concat(whereToGo(scheme).places.slice(0, MAX_PLACES)); }
    });
    return wanted;
  }

  var generation = 0;
  function render() {
    var mine = ++generation;
    ensure("dispositifs", state.d).then(function () {
      return ensure("lieux", placesShown());
    }).then(ensureServed).then(function () {
      if (mine === generation) { draw(); }
    }).catch(function () {
      if (mine !== generation) { return; }
      listNode.textContent = "Les données de la sélection n'ont pas pu être chargées : rechargez la page.";
      root.setAttribute("data-etat", "erreur");
    });
  }

  function draw() {
    listNode.textContent = "";
    noteNode.textContent = "";
    noteNode.hidden = !state.n;
    if (state.n) {
      noteNode.appendChild(element("h2", {}, "Note de votre conseiller"));
      noteNode.appendChild(element("p", {}, state.n));
    }
    if (noteInput.value !== state.n && document.activeElement !== noteInput) { noteInput.value = state.n; }
    dateNode.textContent = "Sélection préparée le " + today() +
      (commune ? ", pour une personne habitant " + communeLabel(commune) : "") + ".";
    if (!state.d.length && !state.l.length) {
      listNode.appendChild(element("p", { "class": "offre-selection__vide" },
        "La sélection est vide. Ajoutez des dispositifs et des lieux depuis leurs fiches ou les résultats de recherche."));
      var search = element("p");
      search.appendChild(element("a", { href: base + data.adresses.recherche }, "Rechercher un dispositif"));
      listNode.appendChild(search);
    }
    state.d.forEach(function (id) { listNode.appendChild(renderScheme(id)); });
    state.l.forEach(function (id) { listNode.appendChild(renderPlace(id)); });
    updateSharing();
    root.setAttribute("data-etat", "pret");
  }

  // ------------------------------------------------------------------ commune

  function settle(c) {
    commune = c;
    communeBox.textContent = "";
    if (c) {
      var territory = territoryOf(c);
      communeBox.appendChild(element("p", { "class": "offre-note" }, communeLabel(c) +
        (territory ? " — territoire " + territory.nom : " — rattachée à aucun territoire") + "."));
      state.c = c.code;
    }
  }

  function lookupCommune(pick) {
    var found = global.OffreCommunes.lookup(communes, communeInput.value);
    communeBox.textContent = "";
    if (!found.query) { commune = null; state.c = ""; commit(false); return; }
    var exact = found.items.filter(function (item) { return item.exact; });
    if (found.items.length && (found.items.length === 1 || pick || (exact.length === 1 && exact[0] === found.items[0]))) {
      settle(found.items[0].commune);
      commit(false);
      return;
    }
    if (!found.items.length) {
      communeBox.appendChild(element("p", { "class": "offre-note" },
        "Aucune commune des Pays de la Loire ne correspond à « " + found.query + " »."));
      return;
    }
    var ul = element("ul", { "class": "offre-selection__choix" });
    found.items.slice(0, 8).forEach(function (item) {
      var li = element("li");
      var button = element("button", { type: "button" }, communeLabel(item.commune));
      button.addEventListener("click", function () {
        communeInput.value = item.commune.nom;
        settle(item.commune);
        commit(false);
        communeInput.focus();
      });
      li.appendChild(button);
      ul.appendChild(li);
    });
    communeBox.appendChild(ul);
  }

  function restoreCommune() {
    commune = null;
    communeBox.textContent = "";
    if (!state.c) { communeInput.value = ""; return; }
    var found = global.OffreCommunes.lookup(communes, state.c);
    if (found.items.length) {
      communeInput.value = found.items[0].commune.nom;
      settle(found.items[0].commune);
    }
  }

  // ------------------------------------------------------------------ actions

  var noteTimer = null;
  noteInput.addEventListener("input", function () {
    global.clearTimeout(noteTimer);
    noteTimer = global.setTimeout(function () {
      state.n = noteInput.value.slice(0, MAX_NOTE);
      commit(false);
    }, 250);
  });

  var communeTimer = null;
  communeInput.addEventListener("input", function () {
    global.clearTimeout(communeTimer);
    communeTimer = global.setTimeout(function () { if (communes) { lookupCommune(false); } }, 150);
  });
  communeInput.addEventListener("keydown", function (event) {
    if (event.key === "Enter") {
      event.preventDefault();
      global.clearTimeout(communeTimer);
      if (communes) { lookupCommune(true); }
    }
  });
  tools.addEventListener("submit", function (event) { event.preventDefault(); });

  root.querySelector("[data-offre-selection-imprimer]").addEventListener("click", function () { global.print(); });

  root.querySelector("[data-offre-selection-vider]").addEventListener("click", function () {
    state = empty();
    commune = null;
    communeInput.value = "";
    noteInput.value = "";
    communeBox.textContent = "";
    commit(true);
    statusNode.textContent = "La sélection est vide.";
  });

  root.querySelector("[data-offre-selection-copier]").addEventListener("click", function () {
    var link = address(state);
    function fallback() {
      var input = element("input", { type: "text", readonly: "", value: link, "aria-label": "Lien de la sélection" });
      statusNode.textContent = "Copiez le lien : ";
      statusNode.appendChild(input);
      input.select();
    }
    if (global.navigator.clipboard && global.navigator.clipboard.writeText) {
      global.navigator.clipboard.writeText(link).then(function () {
        statusNode.textContent = "Lien copié.";
      }, fallback);
    } else { fallback(); }
  });

  global.addEventListener("popstate", function () {
    state = parse(global.location.hash).state;
    if (data) { currentIds(); }
    store(state);
    if (data) { restoreCommune(); render(); }
  });

  // A scheme kept under an id it has since left (renamed, merged) is shown under its
  // current id, once.
  function currentIds() {
    var renamed = false;
    var kept = [];
    state.d.forEach(function (id) {
      var now = data.anciens[id] || id;
      if (now !== id) { renamed = true; }
      if (kept.indexOf(now) < 0) { kept.push(now); }
    });
    state.d = kept;
    return renamed;
  }

  Promise.all([
    loadJson(dataUrl),
    global.OffreCommunes.load(root.getAttribute("data-communes")),
    loadJson(root.getAttribute("data-lieux"))
  ]).then(function (loaded) {
    data = loaded[0];
    data.dispositifs = {};
    data.lieux = {};
    communes = loaded[1];
    placesIndex = loaded[2];
    tools.hidden = false;
    if (currentIds()) { store(state); global.history.replaceState(null, "", address(state)); }
    restoreCommune();
    noteInput.value = state.n;
    render();
  }).catch(function () {
    listNode.textContent = "Les données de la sélection n'ont pas pu être chargées : rechargez la page.";
    root.setAttribute("data-etat", "erreur");
  });
})(window);
