<?xml version="1.0" encoding="UTF-8"?>
<!-- Results as CSV for office tools (Excel, LibreOffice with a Russian locale): Windows-1251,
     «;» between fields, CRLF line ends, a header line, one line per participant who sat.
     Columns: the participant, the fields of seed 000's form (код ОМС, код ОО, аудитория,
     вариант, one column per criterion of the form, общий балл, зачёт/незачёт, ФИО эксперта).
     A criterion outside the participant's category is left empty. Output: schemas/results-cp1251.csv.json.
     Use: is03 export, option format xslt:Templates/exports/results-cp1251.xsl (docs/formats.md)
     A character Windows-1251 has no letter for is written as &#N; (libxslt's way). -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:r="urn:is03:results:1">
  <xsl:output method="text" encoding="windows-1251"/>

  <xsl:variable name="sep" select="';'"/>
  <xsl:variable name="eol" select="'&#13;&#10;'"/>
  <!-- Every result of one form has every criterion of the form, scored or not, in the same order. -->
  <xsl:variable name="criteria" select="/r:results/r:result[1]/r:scores/r:criterion"/>

  <xsl:template match="/">
    <xsl:if test="not(r:results)">
      <xsl:message terminate="yes">results-cp1251.xsl: the input is not is03 results XML (urn:is03:results:1)</xsl:message>
    </xsl:if>
    <xsl:text>Код участника;Фамилия;Имя;Отчество;Код ОМС;Код ОО;Аудитория;Вариант</xsl:text>
    <xsl:for-each select="$criteria">
      <xsl:value-of select="$sep"/>
      <xsl:call-template name="field"><xsl:with-param name="text" select="@id"/></xsl:call-template>
    </xsl:for-each>
    <xsl:text>;Общий балл;Зачёт/незачёт;ФИО эксперта</xsl:text>
    <xsl:value-of select="$eol"/>
    <xsl:for-each select="r:results/r:result">
      <xsl:variable name="result" select="."/>
      <xsl:call-template name="field"><xsl:with-param name="text" select="@participantId"/></xsl:call-template>
      <xsl:value-of select="$sep"/>
      <xsl:call-template name="field"><xsl:with-param name="text" select="r:participant/r:surname"/></xsl:call-template>
      <xsl:value-of select="$sep"/>
      <xsl:call-template name="field"><xsl:with-param name="text" select="r:participant/r:name"/></xsl:call-template>
      <xsl:value-of select="$sep"/>
      <xsl:call-template name="field"><xsl:with-param name="text" select="r:participant/r:patronymic"/></xsl:call-template>
      <xsl:value-of select="$sep"/>
      <xsl:call-template name="field"><xsl:with-param name="text" select="r:place/@msu"/></xsl:call-template>
      <xsl:value-of select="$sep"/>
      <xsl:call-template name="field"><xsl:with-param name="text" select="r:place/@oo"/></xsl:call-template>
      <xsl:value-of select="$sep"/>
      <xsl:call-template name="field"><xsl:with-param name="text" select="r:place/@auditorium"/></xsl:call-template>
      <xsl:value-of select="$sep"/>
      <xsl:call-template name="field"><xsl:with-param name="text" select="r:variant"/></xsl:call-template>
      <xsl:for-each select="$criteria">
        <xsl:variable name="id" select="@id"/>
        <xsl:value-of select="$sep"/>
        <xsl:value-of select="$result/r:scores/r:criterion[@id = $id and @scored = 'true']/@value"/>
      </xsl:for-each>
      <xsl:value-of select="$sep"/>
      <xsl:value-of select="r:total"/>
      <xsl:value-of select="$sep"/>
      <xsl:call-template name="field"><xsl:with-param name="text" select="r:outcome"/></xsl:call-template>
      <xsl:value-of select="$sep"/>
      <xsl:call-template name="field"><xsl:with-param name="text" select="r:expert"/></xsl:call-template>
      <xsl:value-of select="$eol"/>
    </xsl:for-each>
  </xsl:template>

  <!-- One field: a leading ' when it starts with = + @ (or - and no digit), so a spreadsheet
       never runs a name from a list as a formula (as results.csv does); then quoted, with
       quotes doubled, when it holds ; " or a line break (RFC 4180). -->
  <xsl:template name="field">
    <xsl:param name="text"/>
    <xsl:variable name="first" select="substring($text, 1, 1)"/>
    <xsl:variable name="safe">
      <xsl:if test="$first = '=' or $first = '+' or $first = '@'
                    or ($first = '-' and string-length($text) &gt; 1 and not(contains('0123456789', substring($text, 2, 1))))">'</xsl:if>
      <xsl:value-of select="$text"/>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="contains($safe, ';') or contains($safe, '&quot;') or contains($safe, '&#10;') or contains($safe, '&#13;')">
        <xsl:text>"</xsl:text>
        <xsl:call-template name="double-quotes"><xsl:with-param name="text" select="string($safe)"/></xsl:call-template>
        <xsl:text>"</xsl:text>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$safe"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="double-quotes">
    <xsl:param name="text"/>
    <xsl:choose>
      <xsl:when test="contains($text, '&quot;')">
        <xsl:value-of select="substring-before($text, '&quot;')"/>
        <xsl:text>""</xsl:text>
        <xsl:call-template name="double-quotes">
          <xsl:with-param name="text" select="substring-after($text, '&quot;')"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$text"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
