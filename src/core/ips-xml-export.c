/* ips-xml-export.c
 *
 * The XML export follows the form definitions: every form of the catalog,
 * every declared field in declared order (empty ones too, so a reader sees
 * the whole form), rows in their order. Nothing here knows any particular
 * form. The output depends only on the record, the definitions and
 * SOURCE_DATE_EPOCH, so the same record always exports the same bytes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ips-error.h"
#include "ips-xml-export.h"
#include "ips-xml-read-private.h"

#define SCHEMA_RESOURCE "/io/github/ipscaseload/IpsCaseload/ipsclient.xsd"
#define GENERATOR PACKAGE_NAME " " PACKAGE_VERSION
/* 9999-12-31T23:59:59Z, the last second GDateTime can hold. */
#define MAX_EPOCH G_GUINT64_CONSTANT (253402300799)

/* Writing */

/* Only what XML 1.0 can carry: a stray control character would make the
 * whole export unreadable, so it is refused here rather than written. */
static gboolean
check_text (const char  *text,
            GError     **error)
{
  if (!g_utf8_validate (text, -1, NULL))
    goto invalid;

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!(c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) ||
            (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF)))
        goto invalid;
    }
  return TRUE;

invalid:
  g_set_error (error, IPS_ERROR, IPS_ERROR_INVALID_VALUE,
               _("The record holds characters that cannot be written as XML"));
  return FALSE;
}

static gboolean
writer_failed (GError **error)
{
  g_set_error (error, IPS_ERROR, IPS_ERROR_WRITE_FAILED, _("The XML could not be written"));
  return FALSE;
}

static gboolean
start (xmlTextWriter  *writer,
       const char     *name,
       GError        **error)
{
  if (xmlTextWriterStartElement (writer, BAD_CAST name) < 0)
    return writer_failed (error);
  return TRUE;
}

static gboolean
end (xmlTextWriter  *writer,
     GError        **error)
{
  if (xmlTextWriterEndElement (writer) < 0)
    return writer_failed (error);
  return TRUE;
}

/* A NULL value leaves the attribute out. */
static gboolean
attribute (xmlTextWriter  *writer,
           const char     *name,
           const char     *value,
           GError        **error)
{
  if (value == NULL)
    return TRUE;
  if (!check_text (value, error))
    return FALSE;
  if (xmlTextWriterWriteAttribute (writer, BAD_CAST name, BAD_CAST value) < 0)
    return writer_failed (error);
  return TRUE;
}

static gboolean
text (xmlTextWriter  *writer,
      const char     *value,
      GError        **error)
{
  if (!check_text (value, error))
    return FALSE;
  if (xmlTextWriterWriteString (writer, BAD_CAST value) < 0)
    return writer_failed (error);
  return TRUE;
}

static gboolean
text_element (xmlTextWriter  *writer,
              const char     *name,
              const char     *value,
              GError        **error)
{
  if (value == NULL)
    return TRUE;
  return start (writer, name, error) && text (writer, value, error) && end (writer, error);
}

/* The one field of a points list is implicit and has no label of its own:
 * a reader is better served by the list's item label, or its label. */
static const char *
field_label (IpsFieldDefinition *field)
{
  IpsFieldDefinition *group = ips_field_definition_get_group (field);

  if (group != NULL && ips_field_definition_get_field_type (group) == IPS_FIELD_POINTS)
    {
      const char *item_label = ips_field_definition_get_item_label (group);

      return item_label ? item_label : ips_field_definition_get_label (group);
    }
  return ips_field_definition_get_label (field);
}

static gboolean
write_field (xmlTextWriter       *writer,
             IpsFieldDefinition  *field,
             const char          *value,
             GError             **error)
{
  IpsFieldType type = ips_field_definition_get_field_type (field);

  if (!start (writer, "field", error) ||
      !attribute (writer, "key", ips_field_definition_get_key (field), error) ||
      !attribute (writer, "type", ips_field_type_to_string (type), error) ||
      !attribute (writer, "label", field_label (field), error))
    return FALSE;

  if (value != NULL && *value != '\0')
    {
      if (type == IPS_FIELD_CHOICE || type == IPS_FIELD_MULTI)
        {
          /* A choice's value is one option key, a multi's several joined by ';'. */
          g_auto(GStrv) keys = ips_field_definition_split_multi (value);

          for (guint i = 0; keys[i]; i++)
            if (!start (writer, "option", error) ||
                !attribute (writer, "key", keys[i], error) ||
                !attribute (writer, "label",
                            ips_field_definition_lookup_option_label (field, keys[i]), error) ||
                !end (writer, error))
              return FALSE;
        }
      else if (!text (writer, value, error))
        return FALSE;
    }

  return end (writer, error);
}

static gboolean
write_rows (xmlTextWriter       *writer,
            IpsClientFile       *file,
            const char          *form_id,
            IpsFieldDefinition  *group,
            GError             **error)
{
  const char *group_key = ips_field_definition_get_key (group);
  GPtrArray *members = ips_field_definition_get_fields (group);
  g_auto(GStrv) rows = ips_client_file_list_rows (file, form_id, group_key);

  if (!start (writer, "rows", error) ||
      !attribute (writer, "key", group_key, error) ||
      !attribute (writer, "type",
                  ips_field_type_to_string (ips_field_definition_get_field_type (group)), error) ||
      !attribute (writer, "label", ips_field_definition_get_label (group), error))
    return FALSE;

  for (guint i = 0; rows[i]; i++)
    {
      if (!start (writer, "row", error) || !attribute (writer, "id", rows[i], error))
        return FALSE;

      for (guint j = 0; j < members->len; j++)
        {
          IpsFieldDefinition *member = g_ptr_array_index (members, j);
          g_autofree char *value =
            ips_client_file_get_row_value (file, rows[i], ips_field_definition_get_key (member));

          if (!write_field (writer, member, value, error))
            return FALSE;
        }

      if (!end (writer, error))
        return FALSE;
    }

  return end (writer, error);
}

static gboolean
write_form (xmlTextWriter      *writer,
            IpsClientFile      *file,
            IpsFormDefinition  *form,
            GError            **error)
{
  const char *form_id = ips_form_definition_get_id (form);
  GPtrArray *fields = ips_form_definition_get_all_fields (form);
  g_autofree char *version = g_strdup_printf ("%u", ips_form_definition_get_version (form));

  if (!start (writer, "form", error) ||
      !attribute (writer, "id", form_id, error) ||
      !attribute (writer, "version", version, error) ||
      !attribute (writer, "title", ips_form_definition_get_title (form), error))
    return FALSE;

  for (guint i = 0; i < fields->len; i++)
    {
      IpsFieldDefinition *field = g_ptr_array_index (fields, i);

      if (ips_field_definition_is_group (field))
        {
          if (!write_rows (writer, file, form_id, field, error))
            return FALSE;
        }
      else
        {
          g_autofree char *value =
            ips_client_file_get_value (file, form_id, ips_field_definition_get_key (field));

          if (!write_field (writer, field, value, error))
            return FALSE;
        }
    }

  return end (writer, error);
}

static gboolean
write_history (xmlTextWriter  *writer,
               IpsClientFile  *file,
               const char     *form_id,
               GError        **error)
{
  g_autoptr(GListModel) history = ips_client_file_list_history (file, form_id, NULL, NULL, NULL);
  guint n = g_list_model_get_n_items (history);

  if (!start (writer, "history", error))
    return FALSE;

  /* The store lists changes by id: the order they were made in. */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(IpsHistoryEntry) entry = g_list_model_get_item (history, i);

      if (!start (writer, "change", error) ||
          !attribute (writer, "time", ips_history_entry_get_time (entry), error) ||
          !attribute (writer, "author", ips_history_entry_get_author (entry), error) ||
          !attribute (writer, "form", ips_history_entry_get_form (entry), error) ||
          !attribute (writer, "group", ips_history_entry_get_group (entry), error) ||
          !attribute (writer, "row", ips_history_entry_get_row (entry), error) ||
          !attribute (writer, "key", ips_history_entry_get_key (entry), error) ||
          !attribute (writer, "action",
                      ips_history_action_to_string (ips_history_entry_get_action (entry)), error) ||
          !text_element (writer, "old", ips_history_entry_get_old_value (entry), error) ||
          !text_element (writer, "new", ips_history_entry_get_new_value (entry), error) ||
          !end (writer, error))
        return FALSE;
    }

  return end (writer, error);
}

/* SOURCE_DATE_EPOCH (seconds since 1970, UTC) makes exports reproducible;
 * see https://reproducible-builds.org/specs/source-date-epoch/ */
static char *
dup_export_time (GError **error)
{
  const char *epoch = g_getenv ("SOURCE_DATE_EPOCH");
  g_autoptr(GDateTime) time = NULL;
  g_autofree char *seconds = NULL;

  if (epoch != NULL && *epoch != '\0')
    {
      guint64 value = 0;

      if (!g_ascii_string_to_unsigned (epoch, 10, 0, MAX_EPOCH, &value, NULL))
        {
          g_set_error (error, IPS_ERROR, IPS_ERROR_FAILED,
                       _("SOURCE_DATE_EPOCH must be a number of seconds since 1970, not “%s”"), epoch);
          return NULL;
        }
      time = g_date_time_new_from_unix_utc ((gint64)value);
    }
  else
    time = g_date_time_new_now_utc ();

  seconds = g_date_time_format (time, "%Y-%m-%dT%H:%M:%S");
  return g_strdup_printf ("%s.%03dZ", seconds, g_date_time_get_microsecond (time) / 1000);
}

static GBytes *
export_record (IpsClientFile      *file,
               const char         *form_id,
               IpsXmlExportFlags   flags,
               GError            **error)
{
  g_autoptr(xmlBuffer) buffer = NULL;
  g_autoptr(xmlTextWriter) writer = NULL;
  g_autofree char *exported = NULL;
  IpsFormCatalog *catalog;
  IpsFormDefinition *only = NULL;

  catalog = ips_client_file_get_catalog (file);
  if (form_id != NULL)
    {
      only = ips_form_catalog_lookup (catalog, form_id);
      if (only == NULL)
        {
          g_set_error (error, IPS_ERROR, IPS_ERROR_UNKNOWN_FORM,
                       _("There is no form called “%s”"), form_id);
          return NULL;
        }
    }

  exported = dup_export_time (error);
  if (exported == NULL)
    return NULL;

  buffer = xmlBufferCreate ();
  writer = buffer ? xmlNewTextWriterMemory (buffer, 0) : NULL;
  if (writer == NULL ||
      xmlTextWriterSetIndent (writer, 1) < 0 ||
      xmlTextWriterSetIndentString (writer, BAD_CAST "  ") < 0 ||
      xmlTextWriterStartDocument (writer, "1.0", "UTF-8", NULL) < 0)
    {
      writer_failed (error);
      return NULL;
    }

  /* xmlns written as the first attribute, where a reader expects it;
   * the namespaced writer calls would put it last. */
  if (!start (writer, "client", error) ||
      !attribute (writer, "xmlns", IPS_XML_NAMESPACE, error) ||
      !attribute (writer, "schema-version", IPS_XML_SCHEMA_VERSION, error) ||
      !attribute (writer, "id", ips_client_file_get_id (file), error) ||
      !attribute (writer, "created", ips_client_file_get_created (file), error) ||
      !attribute (writer, "exported", exported, error) ||
      !attribute (writer, "generator", GENERATOR, error))
    return NULL;

  for (guint i = 0; i < ips_form_catalog_get_n_forms (catalog); i++)
    {
      IpsFormDefinition *form = ips_form_catalog_get_form (catalog, i);

      if (only != NULL && form != only)
        continue;
      if (!write_form (writer, file, form, error))
        return NULL;
    }

  if ((flags & IPS_XML_EXPORT_HISTORY) != 0 && !write_history (writer, file, form_id, error))
    return NULL;

  if (!end (writer, error))
    return NULL;
  if (xmlTextWriterEndDocument (writer) < 0 || xmlTextWriterFlush (writer) < 0)
    {
      writer_failed (error);
      return NULL;
    }

  return g_bytes_new (xmlBufferContent (buffer), (gsize)xmlBufferLength (buffer));
}

GBytes *
ips_xml_export (IpsClientFile      *file,
                const char         *form_id,
                IpsXmlExportFlags   flags,
                GError            **error)
{
  GBytes *document;

  g_return_val_if_fail (IPS_IS_CLIENT_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* The document is one state of the record, however long it takes. */
  ips_client_file_begin_read (file);
  document = export_record (file, form_id, flags, error);
  ips_client_file_end_read (file);
  return document;
}

/* Validation */

G_LOCK_DEFINE_STATIC (schema);

/* The compiled schema, loaded once and kept: it never changes while running. */
static xmlSchema *
get_schema (GError **error)
{
  static xmlSchema *schema = NULL;
  xmlSchema *result;

  G_LOCK (schema);

  if (schema == NULL)
    {
      g_autoptr(IpsFormCatalog) catalog = NULL;
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(xmlSchemaParserCtxt) parser = NULL;
      IpsXmlFirstError first = { NULL, 0 };
      gconstpointer data;
      gsize size;

      /* Registers the built-in resource, which holds the schema too. */
      catalog = ips_form_catalog_new_default (NULL);
      bytes = g_resources_lookup_data (SCHEMA_RESOURCE, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
      if (bytes != NULL)
        {
          data = g_bytes_get_data (bytes, &size);
          parser = xmlSchemaNewMemParserCtxt (data, (int)size);
        }
      if (parser != NULL)
        {
          xmlSchemaSetParserStructuredErrors (parser, ips_xml_first_error_collect, &first);
          schema = xmlSchemaParse (parser);
        }
      if (schema == NULL)
        ips_xml_first_error_raise (&first, IPS_ERROR_FAILED,
                                   _("The export schema cannot be loaded"), error);
      ips_xml_first_error_clear (&first);
    }

  result = schema;
  G_UNLOCK (schema);
  return result;
}

gboolean
ips_xml_validate_doc (xmlDoc  *doc,
                      GError **error)
{
  g_autoptr(xmlSchemaValidCtxt) validator = NULL;
  IpsXmlFirstError first = { NULL, 0 };
  xmlSchema *schema;
  gboolean valid;

  g_return_val_if_fail (doc != NULL, FALSE);

  schema = get_schema (error);
  if (schema == NULL)
    return FALSE;

  validator = xmlSchemaNewValidCtxt (schema);
  if (validator == NULL)
    {
      g_set_error (error, IPS_ERROR, IPS_ERROR_FAILED, _("Out of memory"));
      return FALSE;
    }
  xmlSchemaSetValidStructuredErrors (validator, ips_xml_first_error_collect, &first);

  valid = xmlSchemaValidateDoc (validator, doc) == 0;
  if (!valid)
    ips_xml_first_error_raise (&first, IPS_ERROR_INVALID_XML,
                               _("The document does not follow the export schema"), error);
  ips_xml_first_error_clear (&first);
  return valid;
}

gboolean
ips_xml_validate (GBytes  *xml,
                  GError **error)
{
  g_autoptr(xmlDoc) doc = NULL;

  g_return_val_if_fail (xml != NULL, FALSE);

  doc = ips_xml_read_untrusted (xml, G_MAXINT, error);
  if (doc == NULL)
    return FALSE;
  return ips_xml_validate_doc (doc, error);
}
