<?xml version="1.0" encoding="utf-8"?>
<!-- Offre de services Clefop — un flux Atom ouvert dans un navigateur devient une page
     lisible en français : titre, explication, et chaque entrée avec ce qui change.
     Aucun script ni style en ligne (la politique de sécurité du site les refuse) : la
     feuille de style flux.css est à côté de ce fichier, retrouvée grâce à l'adresse
     que l'instruction xml-stylesheet du flux donne pour flux.xsl. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:atom="http://www.w3.org/2005/Atom"
    xmlns:xhtml="http://www.w3.org/1999/xhtml"
    exclude-result-prefixes="atom xhtml">
  <xsl:output method="html" encoding="utf-8" doctype-system="about:legacy-compat" indent="no"/>

  <xsl:variable name="instruction" select="/processing-instruction('xml-stylesheet')"/>
  <xsl:variable name="folder"
      select="substring-before(substring-after($instruction, 'href=&quot;'), 'flux.xsl&quot;')"/>

  <xsl:template name="day">
    <xsl:param name="when"/>
    <time datetime="{substring($when, 1, 10)}">
      <xsl:value-of select="concat(substring($when, 9, 2), '/', substring($when, 6, 2), '/', substring($when, 1, 4))"/>
    </time>
  </xsl:template>

  <xsl:template match="/atom:feed">
    <html lang="fr">
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title><xsl:value-of select="atom:title"/></title>
        <link rel="stylesheet" href="{concat($folder, 'flux.css')}"/>
      </head>
      <body>
        <header class="flux-entete">
          <p class="flux-explication">Cette page est un <strong>flux Atom</strong> : copiez son adresse
          dans un lecteur de flux ou l'outil de veille de votre structure pour être averti des
          nouveautés de l'offre, sans compte ni inscription.</p>
          <h1><xsl:value-of select="atom:title"/></h1>
          <p><xsl:value-of select="atom:subtitle"/></p>
          <p class="flux-meta">Mis à jour le <xsl:call-template name="day"><xsl:with-param name="when" select="atom:updated"/></xsl:call-template>
            · <xsl:value-of select="count(atom:entry)"/> entrée(s)
            · <a href="{atom:link[@rel='alternate']/@href}">Voir la page sur le site</a></p>
        </header>
        <main>
          <xsl:if test="not(atom:entry)"><p>Aucune nouveauté pour l'instant.</p></xsl:if>
          <xsl:for-each select="atom:entry">
            <article class="flux-entree">
              <h2><a href="{atom:link[@rel='alternate']/@href}"><xsl:value-of select="atom:title"/></a></h2>
              <p class="flux-meta"><span class="flux-type"><xsl:value-of select="atom:category/@label"/></span>
                — <xsl:call-template name="day"><xsl:with-param name="when" select="atom:updated"/></xsl:call-template></p>
              <xsl:choose>
                <xsl:when test="atom:content/xhtml:div">
                  <div class="flux-contenu"><xsl:apply-templates select="atom:content/xhtml:div/node()" mode="html"/></div>
                </xsl:when>
                <xsl:otherwise><p><xsl:value-of select="atom:summary"/></p></xsl:otherwise>
              </xsl:choose>
            </article>
          </xsl:for-each>
        </main>
        <footer class="flux-pied"><p><xsl:value-of select="atom:rights"/></p></footer>
      </body>
    </html>
  </xsl:template>

  <!-- The entry's XHTML as plain HTML elements: only text and the few tags the feed
       writes, and only the href attribute (never a script or an event attribute). -->
  <xsl:template match="xhtml:*" mode="html">
    <xsl:element name="{local-name()}">
      <xsl:if test="@href"><xsl:attribute name="href"><xsl:value-of select="@href"/></xsl:attribute></xsl:if>
      <xsl:apply-templates select="node()" mode="html"/>
    </xsl:element>
  </xsl:template>
  <xsl:template match="text()" mode="html"><xsl:value-of select="."/></xsl:template>
  <xsl:template match="*" mode="html"/>
</xsl:stylesheet>
