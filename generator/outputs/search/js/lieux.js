/* Offre de services Clefop — les lieux d'accueil proches d'une commune.
   Partagé par la boîte « commune de la personne » de la page de recherche et par
   l'encadré « Où s'adresser » des fiches. Règle de proximité (la même que
   generator/catalog/reach.py) : les lieux qui déclarent desservir la commune ; sinon ceux qui
   se trouvent dans la commune, puis dans son intercommunalité, puis dans son
   département (les premiers par ordre alphabétique). Les lieux sont chargés par
   intercommunalité : l'index dit quelle partie lire pour une commune ; chaque partie
   contient tout ce que la règle peut proposer pour ses communes. Tout est écrit avec
   textContent. */
(function (global) {
  "use strict";

  var tables = {};
  var DAYS = ["dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"];
  var MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
                "septembre", "octobre", "novembre", "décembre"];

  /* "2026-09-01" → "1er septembre 2026", as the pages write dates. */
  function dateFr(iso) {
    var parts = iso.split("-").map(Number);
    return (parts[2] === 1 ? "1er" : String(parts[2])) + " " + MONTHS[parts[1] - 1] + " " + parts[0];
  }

  function fetchJson(url) {
    return fetch(url).then(function (response) {
      if (!response.ok) { throw new Error("HTTP " + response.status); }
      return response.json();
    });
  }

  function prepare(data) {
    var at = {};
    data.colonnes.forEach(function (name, i) { at[name] = i; });
    var byId = {};
    var rows = data.lieux.map(function (row, n) {
      var place = {
        numero: n, id: row[at.id], nom: row[at.nom], reseaux: row[at.reseaux],
        porteur: row[at.porteur], commune: row[at.commune], insee: row[at.insee],
        reseauxIds: row[at.reseaux_ids] || [], telephone: row[at.telephone],
        courriel: row[at.courriel], site: row[at.site], semaine: row[at.semaine],
        horaires: row[at.horaires], rendezVous: row[at.rendez_vous],
        porteurId: row[at.porteur_id], territoires: row[at.territoires] || [],
        dispositifs: row[at.dispositifs] || [], adresse: row[at.adresse] || [],
        luLe: row[at.lu_le] || null
      };
      byId[place.id] = place;
      return place;
    });
    return {
      adresses: data.adresses, communes: data.communes, lieux: rows, parId: byId,
      epci: data.epci || {}, communeEpci: data.commune_epci || {},
      departements: data.departements || {}, limite: data.limite || 5
    };
  }

  function fetchPart(url, name) {
    var key = url + "#" + name;
    if (!tables[key]) { tables[key] = fetchJson(url.replace(/[^\/]*$/, "") + name); }
    return tables[key];
  }

  /* The places the rule may offer for `commune` ({code, departement, …}): its part (the
     places standing in or serving the communes of its intercommunality) and its
     département's part (the first places by name of each network and provider), named
     by the index, fetched once each, then kept. */
  function load(url, commune) {
    if (!tables[url]) { tables[url] = fetchJson(url); }
    return tables[url].then(function (index) {
      var number = index.communes[commune.code];
      var names = [number === undefined ? null : index.parties[number],
                   (index.departements || {})[commune.departement]].filter(Boolean);
      if (!names.length) {
        return prepare({ colonnes: [], lieux: [], communes: {}, adresses: index.adresses });
      }
      return Promise.all(names.map(function (name) { return fetchPart(url, name); })).then(merge);
    });
  }

  /* One table from the parts: the first part's rows keep their numbers (its communes'
     lists refer to them), the others' rows not already there follow. */
  function merge(parts) {
    var table = prepare(parts[0]);
    parts.slice(1).forEach(function (data) {
      var other = prepare(data);
      other.lieux.forEach(function (place) {
        if (table.parId[place.id]) { return; }
        place.numero = table.lieux.length;
        table.lieux.push(place);
        table.parId[place.id] = place;
      });
      Object.keys(other.communeEpci).forEach(function (code) {
        if (table.communeEpci[code] === undefined) { table.communeEpci[code] = other.communeEpci[code]; }
      });
      Object.keys(other.epci).forEach(function (siren) {
        if (table.epci[siren] === undefined) { table.epci[siren] = other.epci[siren]; }
      });
    });
    return table;
  }

  /* Whether a place (a row) delivers the scheme described by `rule` (the attributes of
     a scheme page's box: generator/catalog/reach.py, DeliveryRule): named on either side, or of
     its networks (else of its providers) and serving or standing in its territories. */
  function delivers(rule, place) {
    if (rule.lieux.indexOf(place.id) >= 0 || place.dispositifs.indexOf(rule.dispositif) >= 0) {
      return true;
    }
    var ours = rule.reseaux !== null ?
      place.reseauxIds.some(function (r) { return rule.reseaux.indexOf(r) >= 0; }) :
      rule.porteurs.indexOf(place.porteurId) >= 0;
    return ours && place.territoires.some(function (t) { return rule.territoires.indexOf(t) >= 0; });
  }

  // reach.py's order: French alphabetical order of the name (folding.collation_key), then id.
  function byName(a, b) { return global.OffreTexte.compare(a.nom, b.nom) || (a.id < b.id ? -1 : 1); }

  /* The places among `candidates` (rows; all places when null) to offer for `commune`
     ({code, nom, departement}): {niveau, zone, lieux}. niveau is "dessert", "commune",
     "epci", "departement" or "" (nothing near). */
  function nearest(table, candidates, commune, limit) {
    var pool = candidates || table.lieux;
    var max = limit || table.limite;
    var serving = {};
    (table.communes[commune.code] || []).forEach(function (n) { serving[n] = true; });
    var found = pool.filter(function (p) { return serving[p.numero]; }).sort(byName);
    if (found.length) { return { niveau: "dessert", zone: commune.nom, lieux: found }; }
    found = pool.filter(function (p) { return p.insee === commune.code; }).sort(byName);
    if (found.length) { return { niveau: "commune", zone: commune.nom, lieux: found }; }
    var epci = table.communeEpci[commune.code];
    if (epci !== undefined) {
      found = pool.filter(function (p) { return table.communeEpci[p.insee] === epci; }).sort(byName);
      if (found.length) { return { niveau: "epci", zone: table.epci[epci], lieux: found.slice(0, max) }; }
    }
    found = pool.filter(function (p) {
      return String(p.insee || "").slice(0, 2) === commune.departement;
    }).sort(byName);
    if (found.length) {
      return { niveau: "departement", zone: table.departements[commune.departement] || commune.departement,
               lieux: found.slice(0, max) };
    }
    return { niveau: "", zone: "", lieux: [] };
  }

  /* "dessert Cholet", "dans l'intercommunalité : CA Laval Agglomération"… */
  function area(found) {
    if (found.niveau === "dessert") { return "qui desservent " + found.zone; }
    if (found.niveau === "commune") { return "à " + found.zone + " (zone desservie non précisée)"; }
    if (found.niveau === "epci") { return "dans l'intercommunalité : " + found.zone; }
    if (found.niveau === "departement") { return "dans le département : " + found.zone; }
    return "";
  }

  /* Today's hours of a place, from its OSM hours (Monday first), or "". */
  function today(place, date) {
    if (!place.semaine) { return ""; }
    var d = (date || new Date()).getDay();
    return "Aujourd'hui (" + DAYS[d] + ") : " + place.semaine[(d + 6) % 7];
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function contactLink(list, label, text, href) {
    var li = element("li");
    li.appendChild(document.createTextNode(label + " : "));
    var a = element("a", "", text);
    a.href = href;
    li.appendChild(a);
    list.appendChild(li);
  }

  /* One place as a list item: its page, network and town, phone, e-mail, site, hours. */
  function item(table, root, place) {
    var li = element("li", "offre-lieu");
    li.setAttribute("data-lieu", place.id);
    var title = element("p", "offre-lieu__nom");
    var link = element("a", "", place.nom);
    link.href = root + table.adresses.lieu.replace("{id}", encodeURIComponent(place.id));
    title.appendChild(link);
    var about = [place.reseaux.join(", ") || place.porteur, place.commune].filter(Boolean);
    title.appendChild(document.createTextNode(" — " + about.join(", ")));
    li.appendChild(title);
    if (place.adresse.length) {
      var address = element("p", "offre-lieu__adresse");
      place.adresse.forEach(function (line, n) {
        if (n) { address.appendChild(element("br")); }
        address.appendChild(document.createTextNode(line));
      });
      li.appendChild(address);
    }
    var contact = element("ul", "offre-contact");
    if (place.telephone) {
      contactLink(contact, "Téléphone", place.telephone, "tel:" + place.telephone.replace(/[^0-9+]/g, ""));
    }
    if (place.courriel) { contactLink(contact, "Courriel", place.courriel, "mailto:" + place.courriel); }
    if (place.site) { contactLink(contact, "Site", place.site.replace(/^https?:\/\/(www\.)?/, ""), place.site); }
    var now = today(place);
    if (now) { contact.appendChild(element("li", "offre-lieu__aujourdhui", now)); }
    if (place.horaires) { contact.appendChild(element("li", "", "Horaires : " + place.horaires)); }
    if (place.rendezVous) { contact.appendChild(element("li", "offre-lieu__rdv", place.rendezVous)); }
    if (!place.telephone && !place.courriel && !place.site) {
      contact.appendChild(element("li", "", "Ni téléphone, ni courriel, ni site publiés pour ce lieu."));
    }
    li.appendChild(contact);
    if (place.luLe) {
      li.appendChild(element("p", "offre-note", "Informations " + (place.luLe[1] ?
        "vérifiées auprès de la structure le " + dateFr(place.luLe[0]) :
        "relevées le " + dateFr(place.luLe[0]) + " dans les sources citées") + "."));
    }
    return li;
  }

  /* Lists in `container` the places serving or nearest the commune {code, nom,
     departement}; empties it for null. */
  function show(container, url, root, commune) {
    container.textContent = "";
    if (!commune) { return Promise.resolve(); }
    return load(url, commune).then(function (table) {
      container.textContent = "";
      var found = nearest(table, null, commune);
      var heading = found.niveau === "dessert" ? "qui servent " + commune.nom : area(found);
      container.appendChild(element("h3", "", found.lieux.length
        ? "Lieux d'accueil " + heading + " (" + found.lieux.length + ")"
        : "Aucun lieu d'accueil connu près de " + commune.nom + " pour l'instant."));
      if (!found.lieux.length) { return; }
      if (found.niveau !== "dessert") {
        container.appendChild(element("p", "offre-note",
          "Aucun lieu ne déclare desservir " + commune.nom + " : voici les plus proches. " +
          "Appelez avant d'y envoyer la personne."));
      }
      var list = element("ul", "offre-lieux__liste");
      found.lieux.forEach(function (place) { list.appendChild(item(table, root, place)); });
      container.appendChild(list);
    }).catch(function () {
      container.textContent = "La liste des lieux d'accueil n'a pas pu être chargée.";
    });
  }

  global.OffreLieux = {
    load: load, show: show, nearest: nearest, area: area, today: today, item: item, delivers: delivers
  };
})(window);
