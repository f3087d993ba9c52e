/* ips-xml-read-private.h: reading and checking XML that came from elsewhere
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "ips-xml-private.h"

G_BEGIN_DECLS

/* libxml2 2.12 made the error handlers take a const error. */
#if LIBXML_VERSION >= 21200
typedef const xmlError IpsXmlError;
#else
typedef xmlError IpsXmlError;
#endif

/* The first error libxml2 reports, kept instead of being printed. */
typedef struct
{
  char *message;
  int line;
} IpsXmlFirstError;

/* An xmlStructuredErrorFunc; @data is the IpsXmlFirstError. */
void     ips_xml_first_error_collect (void             *data,
                                      IpsXmlError      *error);
void     ips_xml_first_error_clear   (IpsXmlFirstError *first);
/* Sets @code with the message of @first, or @fallback if nothing was reported. */
gboolean ips_xml_first_error_raise   (IpsXmlFirstError *first,
                                      int               code,
                                      const char       *fallback,
                                      GError          **error);

/* Parses untrusted XML (ips-xml-import.c): no network, no DTD, no entities,
 * at most @max_size bytes, limited depth, UTF-8 only. */
xmlDoc  *ips_xml_read_untrusted      (GBytes           *xml,
                                      gsize             max_size,
                                      GError          **error);

/* Validates a document against data/ipsclient.xsd (ips-xml-export.c). */
gboolean ips_xml_validate_doc        (xmlDoc           *doc,
                                      GError          **error);

G_END_DECLS
