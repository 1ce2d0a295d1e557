<?xml version="1.0" encoding="UTF-8"?>
<!-- The per-school results form of seed 000 («специализированная форма»), flat: one <row> per
     participant who sat, with exactly the fields the seed lists: код ОО, код ОМС, номер
     аудитории, номер варианта, баллы согласно критериям, общий балл, отметка «зачёт»/«незачёт»,
     ФИО эксперта; each row names the participant it is for (the form's rows are the
     participants entered before the exam). Output: schemas/school-form.xsd.
     Use: is03 export, options ou CODE, format xslt:Templates/exports/school-form.xsl (docs/formats.md)
     It reads only the elements it needs, so results XML with more elements or attributes
     (later engine versions) gives the same form. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:r="urn:is03:results:1" xmlns="urn:is03:school-form:1" exclude-result-prefixes="r">
  <xsl:output method="xml" encoding="UTF-8" indent="yes"/>

  <xsl:template match="/">
    <xsl:if test="not(r:results)">
      <xsl:message terminate="yes">school-form.xsl: the input is not is03 results XML (urn:is03:results:1)</xsl:message>
    </xsl:if>
    <form generated="{r:results/@generated}" rows="{count(r:results/r:result)}">
      <xsl:for-each select="r:results/r:result">
        <row>
          <participant id="{@participantId}" surname="{r:participant/r:surname}" name="{r:participant/r:name}">
            <xsl:if test="normalize-space(r:participant/r:patronymic) != ''">
              <xsl:attribute name="patronymic"><xsl:value-of select="r:participant/r:patronymic"/></xsl:attribute>
            </xsl:if>
          </participant>
          <oo><xsl:value-of select="r:place/@oo"/></oo>
          <msu><xsl:value-of select="r:place/@msu"/></msu>
          <auditorium><xsl:value-of select="r:place/@auditorium"/></auditorium>
          <variant><xsl:value-of select="r:variant"/></variant>
          <scores>
            <!-- Only the criteria of the participant's category count (ОВЗ rows of Прил. 18). -->
            <xsl:for-each select="r:scores/r:criterion[@scored = 'true']">
              <score criterion="{@id}"><xsl:value-of select="@value"/></score>
            </xsl:for-each>
          </scores>
          <total><xsl:value-of select="r:total"/></total>
          <outcome><xsl:value-of select="r:outcome"/></outcome>
          <expert><xsl:value-of select="r:expert"/></expert>
        </row>
      </xsl:for-each>
    </form>
  </xsl:template>
</xsl:stylesheet>
