/* ips-xml-import.c
 *
 * An export read back into a new client file. The XML comes from anywhere
 * (mail, a record system, a shared drive), so it is read defensively: its
 * size is capped before parsing; the parser never uses the network, and a
 * document type declaration stops it at once, so no entity is ever declared,
 * loaded or expanded; nesting is capped while parsing; the result must follow
 * the XML Schema, and every form, key and value must be one the form
 * definitions know. Only then is the record written, into a temporary file
 * that is linked into place when complete, so a failure leaves nothing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <libxml/SAX2.h>
#include <stdio.h>
#include <unistd.h>

#include "ips-client-file-private.h"
#include "ips-error.h"
#include "ips-file-lock.h"
#include "ips-xml-export.h"
#include "ips-xml-import.h"
#include "ips-xml-read-private.h"

/* An export is six levels deep; anything far deeper is not one. */
#define MAX_DEPTH 32
#define TEMPORARY_ATTEMPTS 16

/* Errors */

void
ips_xml_first_error_collect (void        *data,
                             IpsXmlError *error)
{
  IpsXmlFirstError *first = data;
  g_autoptr(GString) message = NULL;

  if (first->message != NULL || error == NULL || error->level < XML_ERR_ERROR)
    return;

  /* One line, without the namespace that every element of an export has. */
  message = g_string_new (error->message ? error->message : "");
  g_string_replace (message, "{" IPS_XML_NAMESPACE "}", "", 0);
  g_strdelimit (message->str, "\r\n", ' ');
  first->message = g_utf8_make_valid (g_strstrip (message->str), -1);
  first->line = error->line;
}

void
ips_xml_first_error_clear (IpsXmlFirstError *first)
{
  g_clear_pointer (&first->message, g_free);
  first->line = 0;
}

gboolean
ips_xml_first_error_raise (IpsXmlFirstError  *first,
                           int                code,
                           const char        *fallback,
                           GError           **error)
{
  const char *message = first->message && *first->message ? first->message : fallback;

  if (first->line > 0)
    g_set_error (error, IPS_ERROR, code, _("Line %d: %s"), first->line, message);
  else
    g_set_error_literal (error, IPS_ERROR, code, message);
  return FALSE;
}

/* Parsing */

typedef struct
{
  IpsXmlFirstError first;
  guint depth;
  gboolean refused;
} ReadState;

static void
refuse (xmlParserCtxt *ctxt,
        const char    *message)
{
  ReadState *state = ctxt->_private;

  if (state->first.message == NULL)
    {
      state->first.message = g_strdup (message);
      state->first.line = ctxt->input ? ctxt->input->line : 0;
    }
  state->refused = TRUE;
  xmlStopParser (ctxt);
}

/* Every report of the parser comes here instead of stderr. */
static void
on_parser_error (void        *ctx,
                 IpsXmlError *error)
{
  xmlParserCtxt *ctxt = ctx;
  ReadState *state = ctxt->_private;

  ips_xml_first_error_collect (&state->first, error);
}

/* Called at "<!DOCTYPE", before any of the internal subset is read. */
static void
on_internal_subset (void          *ctx,
                    const xmlChar *name,
                    const xmlChar *external_id,
                    const xmlChar *system_id)
{
  refuse (ctx, _("The document declares a document type (DTD), which an export never has"));
}

static void
on_entity_decl (void          *ctx,
                const xmlChar *name,
                int            type,
                const xmlChar *public_id,
                const xmlChar *system_id,
                xmlChar       *content)
{
  refuse (ctx, _("The document declares entities, which an export never has"));
}

static void
on_start_element (void           *ctx,
                  const xmlChar  *localname,
                  const xmlChar  *prefix,
                  const xmlChar  *uri,
                  int             n_namespaces,
                  const xmlChar **namespaces,
                  int             n_attributes,
                  int             n_defaulted,
                  const xmlChar **attributes)
{
  xmlParserCtxt *ctxt = ctx;
  ReadState *state = ctxt->_private;

  if (++state->depth > MAX_DEPTH)
    {
      refuse (ctxt, _("The document is nested far more deeply than an export ever is"));
      return;
    }
  xmlSAX2StartElementNs (ctx, localname, prefix, uri, n_namespaces, namespaces,
                         n_attributes, n_defaulted, attributes);
}

static void
on_end_element (void          *ctx,
                const xmlChar *localname,
                const xmlChar *prefix,
                const xmlChar *uri)
{
  xmlParserCtxt *ctxt = ctx;
  ReadState *state = ctxt->_private;

  if (state->depth > 0)
    state->depth--;
  xmlSAX2EndElementNs (ctx, localname, prefix, uri);
}

xmlDoc *
ips_xml_read_untrusted (GBytes  *xml,
                        gsize    max_size,
                        GError **error)
{
  g_autoptr(xmlParserCtxt) ctxt = NULL;
  g_autoptr(xmlDoc) doc = NULL;
  ReadState state = { { NULL, 0 }, 0, FALSE };
  gboolean ok;
  const char *data;
  gsize size;

  g_return_val_if_fail (xml != NULL, NULL);

  data = g_bytes_get_data (xml, &size);
  if (size > max_size || size > G_MAXINT)
    {
      g_set_error (error, IPS_ERROR, IPS_ERROR_INVALID_XML,
                   _("The document is larger than %u MB, far larger than an export; it was not read"),
                   (guint)(MIN (max_size, (gsize)G_MAXINT) / (1024 * 1024)));
      return NULL;
    }
  if (size == 0)
    {
      g_set_error (error, IPS_ERROR, IPS_ERROR_INVALID_XML, _("The document is empty"));
      return NULL;
    }

  ctxt = xmlNewParserCtxt ();
  if (ctxt == NULL)
    {
      g_set_error (error, IPS_ERROR, IPS_ERROR_FAILED, _("Out of memory"));
      return NULL;
    }
  /* The context is the user data of every callback (ctxt->userData). */
  ctxt->_private = &state;
  ctxt->sax->serror = on_parser_error;
  ctxt->sax->internalSubset = on_internal_subset;
  ctxt->sax->entityDecl = on_entity_decl;
  ctxt->sax->startElementNs = on_start_element;
  ctxt->sax->endElementNs = on_end_element;

  /* Not XML_PARSE_NOENT, DTDLOAD, DTDATTR or HUGE: entities stay unexpanded,
   * nothing external is loaded, and libxml2 keeps its own limits. The
   * encoding is fixed to UTF-8, so invalid bytes are a parse error.
   * NOERROR and NOWARNING silence any report that bypasses serror. */
  doc = xmlCtxtReadMemory (ctxt, data, (int)size, NULL, "UTF-8",
                           XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                           XML_PARSE_BIG_LINES);

  ok = doc != NULL && !state.refused && state.first.message == NULL &&
       ctxt->wellFormed && ctxt->nsWellFormed &&
       doc->intSubset == NULL && doc->extSubset == NULL;
  if (!ok)
    ips_xml_first_error_raise (&state.first, IPS_ERROR_INVALID_XML,
                               _("The document is not well-formed XML"), error);
  ips_xml_first_error_clear (&state.first);

  return ok ? g_steal_pointer (&doc) : NULL;
}

/* Checking against the form definitions, and restoring */

/* Names the line and the key in an error from the checks below. */
static gboolean
at_node (GError        **error,
         const xmlNode  *node,
         const char     *key)
{
  if (key != NULL)
    g_prefix_error (error, _("Line %ld, “%s”: "), xmlGetLineNo (node), key);
  else
    g_prefix_error (error, _("Line %ld: "), xmlGetLineNo (node));
  return FALSE;
}

static gboolean
is_blank (const xmlChar *text)
{
  for (const xmlChar *p = text; p && *p; p++)
    if (!g_ascii_isspace (*p))
      return FALSE;
  return TRUE;
}

static char *
read_value (const xmlNode       *node,
            IpsFieldDefinition  *field,
            GError             **error)
{
  IpsFieldType type = ips_field_definition_get_field_type (field);
  gboolean has_options = type == IPS_FIELD_CHOICE || type == IPS_FIELD_MULTI;
  g_autoptr(GString) value = g_string_new (NULL);
  guint n_options = 0;

  for (const xmlNode *child = node->children; child; child = child->next)
    {
      if (child->type == XML_ELEMENT_NODE)
        {
          g_autofree char *key = NULL;

          if (!has_options)
            {
              g_set_error (error, IPS_ERROR, IPS_ERROR_INVALID_VALUE,
                           _("only a choice holds <option> elements"));
              return NULL;
            }
          key = ips_xml_get_attr (child, "key");
          if (n_options++ > 0)
            g_string_append_c (value, ';');
          g_string_append (value, key);
        }
      else if (has_options &&
               (child->type == XML_TEXT_NODE || child->type == XML_CDATA_SECTION_NODE) &&
               !is_blank (child->content))
        {
          g_set_error (error, IPS_ERROR, IPS_ERROR_INVALID_VALUE,
                       _("a choice is given as <option> elements, not as text"));
          return NULL;
        }
    }

  if (type == IPS_FIELD_CHOICE && n_options > 1)
    {
      g_set_error (error, IPS_ERROR, IPS_ERROR_INVALID_VALUE, _("only one option can be chosen"));
      return NULL;
    }

  if (has_options)
    return g_string_free (g_steal_pointer (&value), FALSE);
  return ips_xml_get_text (node);
}

/* The element's type must be the declared one, and its value valid for it. */
static char *
check_field (const xmlNode       *node,
             IpsFieldDefinition  *field,
             GError             **error)
{
  g_autofree char *type = ips_xml_get_attr (node, "type");
  g_autofree char *value = NULL;
  g_autofree char *canonical = NULL;
  const char *declared = ips_field_type_to_string (ips_field_definition_get_field_type (field));

  if (g_strcmp0 (type, declared) != 0)
    {
      g_set_error (error, IPS_ERROR, IPS_ERROR_INVALID_VALUE,
                   _("this field is of type %s, not %s"), declared, type);
      return NULL;
    }

  value = read_value (node, field, error);
  if (value == NULL || !ips_field_definition_validate (field, value, &canonical, error))
    return NULL;
  return g_steal_pointer (&canonical);
}

static gboolean
import_rows (IpsClientFile       *file,
             const char          *form_id,
             IpsFieldDefinition  *group,
             const xmlNode       *node,
             GError             **error)
{
  const char *group_key = ips_field_definition_get_key (group);
  guint position = 0;

  for (const xmlNode *row_node = node->children; row_node; row_node = row_node->next)
    {
      g_autofree char *row = NULL;

      if (!ips_xml_is (row_node, "row"))
        continue;

      row = ips_xml_get_attr (row_node, "id");
      if (!ips_client_file_restore_row (file, form_id, group_key, row, position++, error))
        return at_node (error, row_node, group_key);

      for (const xmlNode *child = row_node->children; child; child = child->next)
        {
          g_autofree char *key = NULL;
          g_autofree char *value = NULL;
          IpsFieldDefinition *member;

          if (!ips_xml_is (child, "field"))
            continue;

          key = ips_xml_get_attr (child, "key");
          member = ips_field_definition_lookup_field (group, key);
          if (member == NULL)
            {
              g_set_error (error, IPS_ERROR, IPS_ERROR_UNKNOWN_FIELD,
                           _("Line %ld: the list “%s” of form “%s” has no field “%s”"),
                           xmlGetLineNo (child), group_key, form_id, key);
              return FALSE;
            }

          value = check_field (child, member, error);
          if (value == NULL ||
              !ips_client_file_restore_row_value (file, row, key, value, error))
            return at_node (error, child, key);
        }
    }

  return TRUE;
}

static gboolean
import_form (IpsClientFile   *file,
             IpsFormCatalog  *catalog,
             const xmlNode   *node,
             GError         **error)
{
  g_autofree char *form_id = ips_xml_get_attr (node, "id");
  IpsFormDefinition *form = ips_form_catalog_lookup (catalog, form_id);

  if (form == NULL)
    {
      g_set_error (error, IPS_ERROR, IPS_ERROR_UNKNOWN_FORM,
                   _("Line %ld: there is no form “%s” in this version of IPS Caseload"),
                   xmlGetLineNo (node), form_id);
      return FALSE;
    }

  for (const xmlNode *child = node->children; child; child = child->next)
    {
      g_autofree char *key = NULL;
      IpsFieldDefinition *field;
      gboolean is_rows = ips_xml_is (child, "rows");

      if (!is_rows && !ips_xml_is (child, "field"))
        continue;

      key = ips_xml_get_attr (child, "key");
      field = ips_form_definition_lookup_field (form, key);
      if (field == NULL)
        {
          g_set_error (error, IPS_ERROR, IPS_ERROR_UNKNOWN_FIELD,
                       _("Line %ld: the form “%s” has no field “%s”"),
                       xmlGetLineNo (child), form_id, key);
          return FALSE;
        }

      if (is_rows)
        {
          g_autofree char *type = ips_xml_get_attr (child, "type");
          const char *declared = ips_field_type_to_string (ips_field_definition_get_field_type (field));

          if (!ips_field_definition_is_group (field) || g_strcmp0 (type, declared) != 0)
            {
              g_set_error (error, IPS_ERROR, IPS_ERROR_INVALID_VALUE,
                           _("this field is of type %s, not %s"), declared, type);
              return at_node (error, child, key);
            }
          if (!import_rows (file, form_id, field, child, error))
            return FALSE;
        }
      else
        {
          g_autofree char *value = NULL;

          if (ips_field_definition_is_group (field))
            {
              g_set_error (error, IPS_ERROR, IPS_ERROR_INVALID_VALUE,
                           _("this is a list, given as <rows>"));
              return at_node (error, child, key);
            }

          value = check_field (child, field, error);
          if (value == NULL || !ips_client_file_restore_field (file, form_id, key, value, error))
            return at_node (error, child, key);
        }
    }

  return TRUE;
}

/* History is kept as it was: its entries may name fields that a later
 * version of a form no longer has, so only their shape is checked (by the
 * schema), not their keys. */
static gboolean
import_history (IpsClientFile  *file,
                const xmlNode  *node,
                GError        **error)
{
  for (const xmlNode *change = node->children; change; change = change->next)
    {
      g_autofree char *time = NULL;
      g_autofree char *author = NULL;
      g_autofree char *form = NULL;
      g_autofree char *group = NULL;
      g_autofree char *row = NULL;
      g_autofree char *key = NULL;
      g_autofree char *action_name = NULL;
      g_autofree char *old_value = NULL;
      g_autofree char *new_value = NULL;
      g_autoptr(IpsHistoryEntry) entry = NULL;
      IpsHistoryAction action;

      if (!ips_xml_is (change, "change"))
        continue;

      time = ips_xml_get_attr (change, "time");
      author = ips_xml_get_attr (change, "author");
      form = ips_xml_get_attr (change, "form");
      group = ips_xml_get_attr (change, "group");
      row = ips_xml_get_attr (change, "row");
      key = ips_xml_get_attr (change, "key");
      action_name = ips_xml_get_attr (change, "action");

      if (!ips_history_action_from_string (action_name, &action))
        {
          g_set_error (error, IPS_ERROR, IPS_ERROR_INVALID_XML,
                       _("Line %ld: “%s” is not a kind of change"), xmlGetLineNo (change), action_name);
          return FALSE;
        }

      for (const xmlNode *child = change->children; child; child = child->next)
        {
          if (ips_xml_is (child, "old"))
            {
              g_free (old_value);
              old_value = ips_xml_get_text (child);
            }
          else if (ips_xml_is (child, "new"))
            {
              g_free (new_value);
              new_value = ips_xml_get_text (child);
            }
        }

      entry = ips_history_entry_new (0, time, author, form, group, row, key, action,
                                     old_value, new_value);
      if (!ips_client_file_restore_history (file, entry, error))
        return at_node (error, change, NULL);
    }

  return TRUE;
}

static gboolean
restore_contents (IpsClientFile   *file,
                  IpsFormCatalog  *catalog,
                  const xmlNode   *root,
                  GError         **error)
{
  for (const xmlNode *child = root->children; child; child = child->next)
    {
      if (ips_xml_is (child, "form"))
        {
          if (!import_form (file, catalog, child, error))
            return FALSE;
        }
      else if (ips_xml_is (child, "history"))
        {
          if (!import_history (file, child, error))
            return FALSE;
        }
    }
  return TRUE;
}

/* Files */

static const char * const companion_suffixes[] = { "-wal", "-shm", "-journal" };

/* A leftover journal beside the target would be replayed into the new file. */
static gboolean
check_target_free (const char  *path,
                   GError     **error)
{
  GStatBuf st;

  if (g_lstat (path, &st) == 0)
    {
      g_set_error (error, IPS_ERROR, IPS_ERROR_EXISTS,
                   _("A file of that name already exists; choose another name"));
      return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (companion_suffixes); i++)
    {
      g_autofree char *companion = g_strconcat (path, companion_suffixes[i], NULL);

      if (g_lstat (companion, &st) == 0)
        {
          g_set_error (error, IPS_ERROR, IPS_ERROR_EXISTS,
                       _("Files left by an earlier client file of that name are still there; choose another name"));
          return FALSE;
        }
    }
  return TRUE;
}

static void
remove_with_companions (const char *path)
{
  g_autofree char *lock = ips_file_lock_get_lock_path (path);

  for (guint i = 0; i < G_N_ELEMENTS (companion_suffixes); i++)
    {
      g_autofree char *companion = g_strconcat (path, companion_suffixes[i], NULL);

      g_unlink (companion);
    }
  g_unlink (lock);
  g_unlink (path);
}

static IpsClientFile *
create_temporary (const char      *path,
                  IpsFormCatalog  *catalog,
                  const char      *id,
                  const char      *created,
                  char           **temporary,
                  GError         **error)
{
  g_autofree char *folder = g_path_get_dirname (path);

  for (guint attempt = 0; attempt < TEMPORARY_ATTEMPTS; attempt++)
    {
      g_autoptr(GError) local_error = NULL;
      g_autofree char *name = g_strdup_printf (".import-%06x" IPS_CLIENT_FILE_EXTENSION,
                                               (guint)g_random_int_range (0, 0x1000000));
      g_autofree char *candidate = g_build_filename (folder, name, NULL);
      IpsClientFile *file;

      file = ips_client_file_create_full (candidate, catalog, id, created, &local_error);
      if (file != NULL)
        {
          *temporary = g_steal_pointer (&candidate);
          return file;
        }
      if (!g_error_matches (local_error, IPS_ERROR, IPS_ERROR_EXISTS))
        {
          remove_with_companions (candidate);
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
    }

  g_set_error (error, IPS_ERROR, IPS_ERROR_WRITE_FAILED,
               _("No temporary file could be made in the folder of the new file"));
  return NULL;
}

/* link() fails rather than replace a file that appeared meanwhile. Some
 * network file systems have no hard links; there, a rename that refuses to
 * replace does the same. */
static gboolean
move_into_place (const char  *temporary,
                 const char  *path,
                 GError     **error)
{
  int saved_errno;

  if (link (temporary, path) == 0)
    {
      g_unlink (temporary);
      return TRUE;
    }
  saved_errno = errno;

  if (saved_errno == EPERM || saved_errno == EOPNOTSUPP || saved_errno == ENOSYS)
    {
      if (renameat2 (AT_FDCWD, temporary, AT_FDCWD, path, RENAME_NOREPLACE) == 0)
        return TRUE;
      saved_errno = errno;
    }

  if (saved_errno == EEXIST)
    g_set_error (error, IPS_ERROR, IPS_ERROR_EXISTS,
                 _("A file of that name already exists; choose another name"));
  else
    g_set_error (error, IPS_ERROR,
                 saved_errno == ENOSPC ? IPS_ERROR_NO_SPACE : IPS_ERROR_WRITE_FAILED,
                 _("The new file cannot be made: %s"), g_strerror (saved_errno));
  return FALSE;
}

static gboolean
is_export_root (const xmlNode *root)
{
  return ips_xml_is (root, "client") && root->ns != NULL &&
         g_strcmp0 ((const char *)root->ns->href, IPS_XML_NAMESPACE) == 0;
}

IpsClientFile *
ips_xml_import (GBytes          *xml,
                const char      *path,
                IpsFormCatalog  *catalog,
                GError         **error)
{
  g_autoptr(xmlDoc) doc = NULL;
  g_autoptr(IpsClientFile) file = NULL;
  g_autofree char *id = NULL;
  g_autofree char *created = NULL;
  g_autofree char *temporary = NULL;
  const xmlNode *root;

  g_return_val_if_fail (xml != NULL, NULL);
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (IPS_IS_FORM_CATALOG (catalog), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* Checked first for a quick answer; the link at the end is the guarantee. */
  if (!check_target_free (path, error))
    return NULL;

  doc = ips_xml_read_untrusted (xml, IPS_XML_IMPORT_MAX_SIZE, error);
  if (doc == NULL)
    return NULL;

  root = xmlDocGetRootElement (doc);
  if (!is_export_root (root))
    {
      g_set_error (error, IPS_ERROR, IPS_ERROR_INVALID_XML,
                   _("This is not an IPS Caseload export: its document element is not <client> in the namespace %s"),
                   IPS_XML_NAMESPACE);
      return NULL;
    }
  if (!ips_xml_validate_doc (doc, error))
    return NULL;

  id = ips_xml_get_attr (root, "id");
  created = ips_xml_get_attr (root, "created");

  file = create_temporary (path, catalog, id, created, &temporary, error);
  if (file == NULL)
    return NULL;

  if (!ips_client_file_begin_restore (file, error))
    goto failed;
  if (!restore_contents (file, catalog, root, error))
    {
      ips_client_file_end_restore (file, FALSE, NULL);
      goto failed;
    }
  if (!ips_client_file_end_restore (file, TRUE, error))
    goto failed;

  /* Closing checkpoints the journal into the file and removes the lock. */
  ips_client_file_close (file);
  g_clear_object (&file);

  if (!move_into_place (temporary, path, error))
    goto failed;

  file = ips_client_file_open (path, catalog, IPS_CLIENT_FILE_OPEN_DEFAULT, error);
  if (file == NULL)
    {
      remove_with_companions (path);
      return NULL;
    }
  return g_steal_pointer (&file);

failed:
  g_clear_object (&file);
  remove_with_companions (temporary);
  return NULL;
}
