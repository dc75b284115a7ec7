/* Offre de services Clefop — les lieux qui servent une commune (page de recherche).
   Une commune tapée dans la boîte « commune de la personne » montre aussi les lieux
   d'accueil dont la zone la couvre : nom, réseau, ville, lien vers la page du lieu.
   Le fichier des lieux n'est chargé qu'à la première commune. Tout est écrit avec
   textContent. */
(function (global) {
  "use strict";

  var tables = {};

  function load(url) {
    if (!tables[url]) {
      tables[url] = fetch(url).then(function (response) {
        if (!response.ok) { throw new Error("HTTP " + response.status); }
        return response.json();
      }).then(function (data) {
        var at = {};
        data.colonnes.forEach(function (name, i) { at[name] = i; });
        return {
          adresses: data.adresses,
          communes: data.communes,
          lieux: data.lieux.map(function (row) {
            return { id: row[at.id], nom: row[at.nom], reseaux: row[at.reseaux],
                     porteur: row[at.porteur], commune: row[at.commune] };
          })
        };
      });
    }
    return tables[url];
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  /* Lists in `container` the places serving the commune {code, nom}; empties it for null. */
  function show(container, url, root, commune) {
    container.textContent = "";
    if (!commune) { return Promise.resolve(); }
    return load(url).then(function (table) {
      container.textContent = "";
      var numbers = table.communes[commune.code] || [];
      container.appendChild(element("h3", "", numbers.length
        ? "Lieux d'accueil qui servent " + commune.nom + " (" + numbers.length + ")"
        : "Aucun lieu d'accueil connu ne sert " + commune.nom + " pour l'instant."));
      if (!numbers.length) { return; }
      var list = element("ul", "offre-lieux__liste");
      numbers.forEach(function (n) {
        var place = table.lieux[n];
        var li = element("li");
        li.setAttribute("data-lieu", place.id);
        var link = element("a", "", place.nom);
        link.href = root + table.adresses.lieu.replace("{id}", encodeURIComponent(place.id));
        li.appendChild(link);
        var about = [place.reseaux.join(", ") || place.porteur, place.commune].filter(Boolean);
        li.appendChild(document.createTextNode(" — " + about.join(", ")));
        list.appendChild(li);
      });
      container.appendChild(list);
    }).catch(function () {
      container.textContent = "La liste des lieux d'accueil n'a pas pu être chargée.";
    });
  }

  global.OffreLieux = { load: load, show: show };
})(window);
