/* ips-form-definition.c
 *
 * A form is declared once, in data/forms/<id>.form.xml; the window, the store
 * and the exporters all read this declaration.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ips-error.h"
#include "ips-form-definition.h"
#include "ips-xml-private.h"

struct _IpsFormDefinition
{
  GObject parent_instance;

  char *id;
  guint version;
  guint order;
  char *title;
  char *description;
  GPtrArray *sections;     /* of IpsFormSection */
  GPtrArray *all_fields;   /* borrowed IpsFieldDefinition, declared order */
  GHashTable *by_key;      /* key -> borrowed IpsFieldDefinition */
  GHashTable *section_of;  /* key -> borrowed IpsFormSection */
};

G_DEFINE_FINAL_TYPE (IpsFormDefinition, ips_form_definition, G_TYPE_OBJECT)

static void
ips_form_definition_finalize (GObject *object)
{
  IpsFormDefinition *self = (IpsFormDefinition *)object;

  g_free (self->id);
  g_free (self->title);
  g_free (self->description);
  g_ptr_array_unref (self->sections);
  g_ptr_array_unref (self->all_fields);
  g_hash_table_unref (self->by_key);
  g_hash_table_unref (self->section_of);

  G_OBJECT_CLASS (ips_form_definition_parent_class)->finalize (object);
}

static void
ips_form_definition_class_init (IpsFormDefinitionClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ips_form_definition_finalize;
}

static void
ips_form_definition_init (IpsFormDefinition *self)
{
  self->sections = g_ptr_array_new_with_free_func (g_object_unref);
  self->all_fields = g_ptr_array_new ();
  self->by_key = g_hash_table_new (g_str_hash, g_str_equal);
  self->section_of = g_hash_table_new (g_str_hash, g_str_equal);
}

/* Keys appear in files and exports: lower case, digits and hyphens. */
static gboolean
is_valid_key (const char *key)
{
  if (key == NULL || !g_ascii_islower (key[0]) || strlen (key) > 64)
    return FALSE;
  for (const char *p = key; *p; p++)
    if (!g_ascii_islower (*p) && !g_ascii_isdigit (*p) && *p != '-')
      return FALSE;
  return TRUE;
}

/* Translatable text: whitespace collapsed as xgettext's ITS rules do, then translated. */
static char *
translated_text (const xmlNode *node)
{
  g_autofree char *raw = ips_xml_get_text (node);
  GString *text = g_string_sized_new (strlen (raw));
  gboolean space = FALSE;
  const char *translated;

  for (const char *p = raw; *p != '\0'; p++)
    {
      if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
        space = text->len > 0;
      else
        {
          if (space)
            g_string_append_c (text, ' ');
          g_string_append_c (text, *p);
          space = FALSE;
        }
    }

  if (text->len == 0)
    return g_string_free (text, FALSE);
  translated = g_dgettext (GETTEXT_PACKAGE, text->str);
  if (translated == text->str)
    return g_string_free (text, FALSE);
  g_string_free (text, TRUE);
  return g_strdup (translated);
}

static gboolean
set_definition_error (GError        **error,
                      const xmlNode  *node,
                      const char     *form_id,
                      const char     *problem)
{
  g_set_error (error, IPS_ERROR, IPS_ERROR_INVALID_DEFINITION,
               "form “%s”, line %ld: %s", form_id ? form_id : "?",
               node ? (long)xmlGetLineNo (node) : 0L, problem);
  return FALSE;
}

static IpsFieldDefinition *
parse_field (IpsFormDefinition  *self,
             const xmlNode      *node,
             IpsFieldDefinition *group,
             GError            **error)
{
  g_autoptr(IpsFieldDefinition) field = NULL;
  g_autofree char *key = ips_xml_get_attr (node, "key");
  g_autofree char *type_name = ips_xml_get_attr (node, "type");
  g_autofree char *when = ips_xml_get_attr (node, "when");
  g_autofree char *share_key = ips_xml_get_attr (node, "share-key");
  g_autofree char *date_key = ips_xml_get_attr (node, "date-key");
  g_autofree char *version_key = ips_xml_get_attr (node, "version-key");
  g_autofree char *label = NULL;
  g_autofree char *help = NULL;
  g_autofree char *item_label = NULL;
  gboolean is_group_node = ips_xml_is (node, "group");
  IpsFieldType type;

  if (!is_valid_key (key))
    {
      set_definition_error (error, node, self->id, "a field key must be lower case letters, digits and hyphens");
      return NULL;
    }
  if (!ips_field_type_from_string (type_name, &type))
    {
      set_definition_error (error, node, self->id, "unknown field type");
      return NULL;
    }
  if (is_group_node != (type == IPS_FIELD_ROWS || type == IPS_FIELD_POINTS))
    {
      set_definition_error (error, node, self->id, "rows and points are declared with <group>, other types with <field>");
      return NULL;
    }
  if (is_group_node && group != NULL)
    {
      set_definition_error (error, node, self->id, "groups cannot be nested");
      return NULL;
    }

  field = ips_field_definition_new (key, type);

  for (const xmlNode *child = node->children; child; child = child->next)
    {
      if (child->type != XML_ELEMENT_NODE)
        continue;

      if (ips_xml_is (child, "label"))
        {
          g_free (label);
          label = translated_text (child);
        }
      else if (ips_xml_is (child, "help"))
        {
          g_free (help);
          help = translated_text (child);
        }
      else if (ips_xml_is (child, "item-label"))
        {
          g_free (item_label);
          item_label = translated_text (child);
        }
      else if (ips_xml_is (child, "option") && (type == IPS_FIELD_CHOICE || type == IPS_FIELD_MULTI))
        {
          g_autofree char *value = ips_xml_get_attr (child, "value");
          g_autofree char *option_label = translated_text (child);

          if (!is_valid_key (value) || ips_field_definition_lookup_option_label (field, value) != NULL)
            {
              set_definition_error (error, child, self->id, "an option needs a unique value key");
              return NULL;
            }
          ips_field_definition_add_option (field, value, option_label);
        }
      else if (ips_xml_is (child, "field") && type == IPS_FIELD_ROWS)
        {
          IpsFieldDefinition *member = parse_field (self, child, field, error);

          if (member == NULL)
            return NULL;
          if (ips_field_definition_lookup_field (field, ips_field_definition_get_key (member)) != NULL)
            {
              g_object_unref (member);
              set_definition_error (error, child, self->id, "a key is declared twice in the group");
              return NULL;
            }
          ips_field_definition_add_field (field, member);
        }
      else
        {
          set_definition_error (error, child, self->id, "unexpected element in a field");
          return NULL;
        }
    }

  if (label == NULL)
    {
      set_definition_error (error, node, self->id, "a field needs a <label>");
      return NULL;
    }
  if ((type == IPS_FIELD_CHOICE || type == IPS_FIELD_MULTI) &&
      ips_field_definition_get_n_options (field) == 0)
    {
      set_definition_error (error, node, self->id, "a choice needs options");
      return NULL;
    }
  if (type == IPS_FIELD_ROWS && ips_field_definition_get_fields (field)->len == 0)
    {
      set_definition_error (error, node, self->id, "a group of rows needs fields");
      return NULL;
    }

  ips_field_definition_set_texts (field, label, help, item_label);

  /* Each point is an input of its own, and needs a label to read out and export. */
  if (type == IPS_FIELD_POINTS)
    ips_field_definition_set_texts (ips_field_definition_lookup_field (field, IPS_POINT_TEXT_KEY),
                                    item_label ? item_label : label, NULL, NULL);

  if (when != NULL)
    {
      g_auto(GStrv) parts = g_strsplit (when, "=", 2);
      IpsFieldDefinition *condition;

      condition = group ? ips_field_definition_lookup_field (group, parts[0])
                        : g_hash_table_lookup (self->by_key, parts[0]);
      if (parts[1] == NULL || condition == NULL ||
          ips_field_definition_is_group (condition))
        {
          set_definition_error (error, node, self->id, "when= must name an earlier field: key=value");
          return NULL;
        }
      ips_field_definition_set_when (field, parts[0], parts[1]);
    }

  if (share_key != NULL)
    {
      IpsFieldDefinition *share = g_hash_table_lookup (self->by_key, share_key);

      if (group != NULL || share == NULL ||
          ips_field_definition_get_field_type (share) != IPS_FIELD_YESNO)
        {
          set_definition_error (error, node, self->id, "share-key= must name an earlier yes/no field");
          return NULL;
        }
      ips_field_definition_set_share_key (field, share_key);
    }

  if (date_key != NULL || version_key != NULL)
    {
      IpsFieldDefinition *date = date_key ? g_hash_table_lookup (self->by_key, date_key) : NULL;
      IpsFieldDefinition *version = version_key ? g_hash_table_lookup (self->by_key, version_key) : NULL;

      if (type != IPS_FIELD_SIGNATURE || group != NULL ||
          (date_key != NULL && (date == NULL || ips_field_definition_get_field_type (date) != IPS_FIELD_DATE)) ||
          (version_key != NULL && (version == NULL || ips_field_definition_get_field_type (version) != IPS_FIELD_TEXT)))
        {
          set_definition_error (error, node, self->id,
                                "date-key= and version-key= of a signature must name an earlier date and text field");
          return NULL;
        }
      ips_field_definition_set_signature_keys (field, date_key, version_key);
    }

  return g_steal_pointer (&field);
}

static gboolean
parse_section (IpsFormDefinition *self,
               const xmlNode     *node,
               GError           **error)
{
  g_autoptr(IpsFormSection) section = NULL;
  g_autofree char *id = ips_xml_get_attr (node, "id");
  g_autofree char *sensitive = ips_xml_get_attr (node, "sensitive");
  g_autofree char *title = NULL;

  if (!is_valid_key (id))
    return set_definition_error (error, node, self->id, "a section needs an id");
  if (sensitive != NULL && g_strcmp0 (sensitive, "health") != 0 && g_strcmp0 (sensitive, "forensic") != 0)
    return set_definition_error (error, node, self->id, "sensitive= is health or forensic");

  for (const xmlNode *child = node->children; child; child = child->next)
    if (ips_xml_is (child, "title"))
      {
        /* A second title replaces the first. */
        g_free (title);
        title = translated_text (child);
      }

  if (title == NULL)
    return set_definition_error (error, node, self->id, "a section needs a <title>");

  section = ips_form_section_new (id, title, sensitive);

  for (const xmlNode *child = node->children; child; child = child->next)
    {
      IpsFieldDefinition *field;
      const char *key;

      if (child->type != XML_ELEMENT_NODE || ips_xml_is (child, "title"))
        continue;
      if (!ips_xml_is (child, "field") && !ips_xml_is (child, "group"))
        return set_definition_error (error, child, self->id, "a section holds <field> and <group>");

      field = parse_field (self, child, NULL, error);
      if (field == NULL)
        return FALSE;

      key = ips_field_definition_get_key (field);
      if (g_hash_table_contains (self->by_key, key))
        {
          g_object_unref (field);
          return set_definition_error (error, child, self->id, "a key is declared twice in the form");
        }

      ips_form_section_add_field (section, field);
      g_ptr_array_add (self->all_fields, field);
      g_hash_table_insert (self->by_key, (gpointer)key, field);
      g_hash_table_insert (self->section_of, (gpointer)key, section);
    }

  g_ptr_array_add (self->sections, g_steal_pointer (&section));
  return TRUE;
}

IpsFormDefinition *
ips_form_definition_new_from_bytes (GBytes  *bytes,
                                    GError **error)
{
  g_autoptr(IpsFormDefinition) self = NULL;
  g_autoptr(xmlDoc) doc = NULL;
  g_autofree char *version = NULL;
  g_autofree char *order = NULL;
  const xmlNode *root;
  guint64 number = 0;
  gsize size;
  const char *data;

  g_return_val_if_fail (bytes != NULL, NULL);

  data = g_bytes_get_data (bytes, &size);
  if (size > G_MAXINT)
    {
      set_definition_error (error, NULL, NULL, "too large");
      return NULL;
    }

  /* Blank text between elements means nothing here (texts are read with
   * their spaces folded), so the parser keeps none of it: a tenth less of
   * the time every command and window spends reading the forms. */
  doc = xmlReadMemory (data, (int)size, "form.xml", "UTF-8",
                       XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                       XML_PARSE_NOBLANKS | XML_PARSE_COMPACT);
  if (doc == NULL || doc->intSubset != NULL)
    {
      set_definition_error (error, NULL, NULL, "not well-formed XML, or has a DTD");
      return NULL;
    }

  root = xmlDocGetRootElement (doc);
  if (!ips_xml_is (root, "form"))
    {
      set_definition_error (error, root, NULL, "the root element must be <form>");
      return NULL;
    }

  self = g_object_new (IPS_TYPE_FORM_DEFINITION, NULL);
  self->id = ips_xml_get_attr (root, "id");
  version = ips_xml_get_attr (root, "version");
  order = ips_xml_get_attr (root, "order");

  if (!is_valid_key (self->id))
    {
      set_definition_error (error, root, NULL, "a form needs an id");
      return NULL;
    }
  if (version == NULL || !g_ascii_string_to_unsigned (version, 10, 1, 1000, &number, NULL))
    {
      set_definition_error (error, root, self->id, "a form needs a version from 1");
      return NULL;
    }
  self->version = (guint)number;
  self->order = order ? (guint)g_ascii_strtoull (order, NULL, 10) : 0;

  for (const xmlNode *child = root->children; child; child = child->next)
    {
      if (child->type != XML_ELEMENT_NODE)
        continue;

      if (ips_xml_is (child, "title"))
        {
          g_free (self->title);
          self->title = translated_text (child);
        }
      else if (ips_xml_is (child, "description"))
        {
          g_free (self->description);
          self->description = translated_text (child);
        }
      else if (ips_xml_is (child, "section"))
        {
          if (!parse_section (self, child, error))
            return NULL;
        }
      else
        {
          set_definition_error (error, child, self->id, "a form holds <title>, <description> and <section>");
          return NULL;
        }
    }

  if (self->title == NULL || self->sections->len == 0)
    {
      set_definition_error (error, root, self->id, "a form needs a <title> and sections");
      return NULL;
    }

  return g_steal_pointer (&self);
}

const char *
ips_form_definition_get_id (IpsFormDefinition *self)
{
  g_return_val_if_fail (IPS_IS_FORM_DEFINITION (self), NULL);
  return self->id;
}

guint
ips_form_definition_get_version (IpsFormDefinition *self)
{
  g_return_val_if_fail (IPS_IS_FORM_DEFINITION (self), 0);
  return self->version;
}

guint
ips_form_definition_get_order (IpsFormDefinition *self)
{
  g_return_val_if_fail (IPS_IS_FORM_DEFINITION (self), 0);
  return self->order;
}

const char *
ips_form_definition_get_title (IpsFormDefinition *self)
{
  g_return_val_if_fail (IPS_IS_FORM_DEFINITION (self), NULL);
  return self->title;
}

const char *
ips_form_definition_get_description (IpsFormDefinition *self)
{
  g_return_val_if_fail (IPS_IS_FORM_DEFINITION (self), NULL);
  return self->description;
}

GPtrArray *
ips_form_definition_get_sections (IpsFormDefinition *self)
{
  g_return_val_if_fail (IPS_IS_FORM_DEFINITION (self), NULL);
  return self->sections;
}

IpsFieldDefinition *
ips_form_definition_lookup_field (IpsFormDefinition *self,
                                  const char        *key)
{
  g_return_val_if_fail (IPS_IS_FORM_DEFINITION (self), NULL);
  return key ? g_hash_table_lookup (self->by_key, key) : NULL;
}

IpsFormSection *
ips_form_definition_lookup_section_of (IpsFormDefinition *self,
                                       const char        *key)
{
  g_return_val_if_fail (IPS_IS_FORM_DEFINITION (self), NULL);
  return key ? g_hash_table_lookup (self->section_of, key) : NULL;
}

GPtrArray *
ips_form_definition_get_all_fields (IpsFormDefinition *self)
{
  g_return_val_if_fail (IPS_IS_FORM_DEFINITION (self), NULL);
  return self->all_fields;
}
