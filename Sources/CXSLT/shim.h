// libxslt (XSLT 1.0) with EXSLT, and the few helpers Swift cannot write itself: libxml2 and
// libxslt report errors through variadic callbacks (printf-style), which Swift cannot define,
// so these collect the messages into a buffer Swift reads after each call.
//
// Debian's libxml2 is built with ICU, and its encoding.h then includes the system's ICU headers,
// whose enums clash with the copy of ICU inside Foundation in the same Swift module graph. The
// only ICU-dependent declarations are two pointers at the end of xmlCharEncodingHandler, a
// struct this module never touches (it holds pointers to it at most), so ICU is hidden here.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <libxslt/xslt.h>
#include <libxslt/xsltInternals.h>
#include <libxslt/transform.h>
#include <libxslt/xsltutils.h>
#include <libxslt/security.h>
#include <libexslt/exslt.h>

/// Messages collected from libxml2 and libxslt during one call (NUL-terminated text).
typedef struct {
    char *text;
    size_t length;
    size_t capacity;
} is03_xslt_messages;

/// Appends one formatted message; stops growing at 64 KiB (a runaway stylesheet's messages
/// must not eat the memory).
static inline void is03_xslt_append(void *context, const char *format, ...) {
    is03_xslt_messages *messages = (is03_xslt_messages *)context;
    if (messages == NULL || format == NULL || messages->length >= 65536) return;
    char chunk[2048];
    va_list arguments;
    va_start(arguments, format);
    int written = vsnprintf(chunk, sizeof chunk, format, arguments);
    va_end(arguments);
    if (written <= 0) return;
    size_t length = (size_t)written < sizeof chunk ? (size_t)written : sizeof chunk - 1;
    if (messages->length + length + 1 > messages->capacity) {
        size_t capacity = messages->capacity ? messages->capacity : 1024;
        while (capacity < messages->length + length + 1) capacity *= 2;
        char *grown = (char *)realloc(messages->text, capacity);
        if (grown == NULL) return;
        messages->text = grown;
        messages->capacity = capacity;
    }
    memcpy(messages->text + messages->length, chunk, length);
    messages->length += length;
    messages->text[messages->length] = 0;
}

/// Sends libxml2's (this thread's) and libxslt's error messages into `messages`.
static inline void is03_xslt_capture(is03_xslt_messages *messages) {
    xmlSetGenericErrorFunc(messages, is03_xslt_append);
    xsltSetGenericErrorFunc(messages, is03_xslt_append);
}

/// Gives the messages back to the libraries' defaults and frees the buffer.
static inline void is03_xslt_release(is03_xslt_messages *messages) {
    xmlSetGenericErrorFunc(NULL, NULL);
    xsltSetGenericErrorFunc(NULL, NULL);
    free(messages->text);
    messages->text = NULL;
    messages->length = 0;
    messages->capacity = 0;
}

/// Once per process: the parser and the EXSLT extension functions.
static inline void is03_xslt_initialise(void) {
    xmlInitParser();
    exsltRegisterAll();
}

/// Compiles the stylesheet at `path` (NULL on error; the messages say why, with file and line).
/// libxslt hands back a stylesheet even when an element failed to compile (it counts the
/// errors and would then silently skip that element), so any error counts as failure here.
static inline xsltStylesheetPtr is03_xslt_compile(const char *path) {
    xsltStylesheetPtr stylesheet = xsltParseStylesheetFile((const xmlChar *)path);
    if (stylesheet != NULL && stylesheet->errors > 0) {
        xsltFreeStylesheet(stylesheet);
        return NULL;
    }
    return stylesheet;
}

/// Parses an input document from memory without touching the network; entities are not
/// expanded from outside the document.
static inline xmlDocPtr is03_xslt_read(const char *bytes, int size, const char *name) {
    return xmlReadMemory(bytes, size, name, NULL, XML_PARSE_NONET);
}

/// Whether the document carries a DTD (refused: the input lists must not have one).
static inline int is03_xslt_has_dtd(xmlDocPtr document) {
    return document != NULL && document->intSubset != NULL;
}

/// Applies `stylesheet` to `document` with writing files, creating folders and the network
/// forbidden (a stylesheet is configuration; it reads, it does not write). Returns the result
/// serialised as the stylesheet's xsl:output says (encoding included) in `*output`, to be freed
/// with is03_xml_free; 0 on success, -1 when the transformation failed.
static inline int is03_xslt_apply(xsltStylesheetPtr stylesheet, xmlDocPtr document,
                                  xmlChar **output, int *length) {
    *output = NULL;
    *length = 0;
    xsltSecurityPrefsPtr security = xsltNewSecurityPrefs();
    if (security == NULL) return -1;
    xsltSetSecurityPrefs(security, XSLT_SECPREF_WRITE_FILE, xsltSecurityForbid);
    xsltSetSecurityPrefs(security, XSLT_SECPREF_CREATE_DIRECTORY, xsltSecurityForbid);
    xsltSetSecurityPrefs(security, XSLT_SECPREF_WRITE_NETWORK, xsltSecurityForbid);
    xsltSetSecurityPrefs(security, XSLT_SECPREF_READ_NETWORK, xsltSecurityForbid);
    xsltTransformContextPtr context = xsltNewTransformContext(stylesheet, document);
    if (context == NULL) {
        xsltFreeSecurityPrefs(security);
        return -1;
    }
    xsltSetCtxtSecurityPrefs(security, context);
    xmlDocPtr result = xsltApplyStylesheetUser(stylesheet, document, NULL, NULL, NULL, context);
    int failed = result == NULL || context->state == XSLT_STATE_ERROR || context->state == XSLT_STATE_STOPPED;
    xsltFreeTransformContext(context);
    xsltFreeSecurityPrefs(security);
    if (!failed && xsltSaveResultToString(output, length, result, stylesheet) != 0) failed = 1;
    if (result != NULL) xmlFreeDoc(result);
    return failed ? -1 : 0;
}

static inline void is03_xml_free(void *pointer) {
    if (pointer != NULL) xmlFree(pointer);
}
