<?xml version="1.0" encoding="UTF-8"?>
<!-- An example of a mapping stylesheet: a region's own participant list (here an invented
     planning-system export, <ФайлУчастников> with <Участник> elements and dates as ДД.ММ.ГГГГ)
     to is03's list schema (schemas/participants.xsd). A region copies it and changes the
     XPath on the right of each line to its own element names (docs/formats.md).
     Use: is03 process, options participants LIST.xml and participants-xslt THIS.xsl -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:output method="xml" encoding="UTF-8" indent="yes"/>

  <xsl:template match="/">
    <xsl:if test="not(ФайлУчастников)">
      <xsl:message terminate="yes">participants-example.xsl: expected a &lt;ФайлУчастников&gt; document</xsl:message>
    </xsl:if>
    <participants>
      <xsl:for-each select="ФайлУчастников/Участник">
        <participant>
          <id><xsl:value-of select="@Код"/></id>
          <surname><xsl:value-of select="Фамилия"/></surname>
          <name><xsl:value-of select="Имя"/></name>
          <xsl:if test="normalize-space(Отчество) != ''"><patronymic><xsl:value-of select="Отчество"/></patronymic></xsl:if>
          <class><xsl:value-of select="Класс"/></class>
          <xsl:if test="Документ/@Серия"><document_series><xsl:value-of select="Документ/@Серия"/></document_series></xsl:if>
          <xsl:if test="Документ/@Номер"><document_number><xsl:value-of select="Документ/@Номер"/></document_number></xsl:if>
          <region><xsl:value-of select="Регион"/></region>
          <msu><xsl:value-of select="ОМС"/></msu>
          <oo><xsl:value-of select="ОО"/></oo>
          <!-- «Н»: absent (form ИС-01). -->
          <auditorium><xsl:value-of select="Аудитория"/></auditorium>
          <category>
            <xsl:choose>
              <xsl:when test="normalize-space(Категория) = ''">standard</xsl:when>
              <xsl:otherwise><xsl:value-of select="normalize-space(Категория)"/></xsl:otherwise>
            </xsl:choose>
          </category>
          <!-- ДД.ММ.ГГГГ to ГГГГ-ММ-ДД -->
          <xsl:variable name="date" select="normalize-space(ДатаЭкзамена)"/>
          <exam_date>
            <xsl:value-of select="concat(substring($date, 7, 4), '-', substring($date, 4, 2), '-', substring($date, 1, 2))"/>
          </exam_date>
        </participant>
      </xsl:for-each>
    </participants>
  </xsl:template>
</xsl:stylesheet>
