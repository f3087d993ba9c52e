/* ips-form-catalog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <gio/gio.h>

#include "ips-error.h"
#include "ips-form-catalog.h"
#include "ips-forms-resources.h"

struct _IpsFormCatalog
{
  GObject parent_instance;

  GPtrArray *forms;   /* of IpsFormDefinition, by order */
};

G_DEFINE_FINAL_TYPE (IpsFormCatalog, ips_form_catalog, G_TYPE_OBJECT)

static void
ips_form_catalog_finalize (GObject *object)
{
  IpsFormCatalog *self = (IpsFormCatalog *)object;

  g_ptr_array_unref (self->forms);

  G_OBJECT_CLASS (ips_form_catalog_parent_class)->finalize (object);
}

static void
ips_form_catalog_class_init (IpsFormCatalogClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ips_form_catalog_finalize;
}

static void
ips_form_catalog_init (IpsFormCatalog *self)
{
  self->forms = g_ptr_array_new_with_free_func (g_object_unref);
}

static int
compare_forms (gconstpointer a,
               gconstpointer b)
{
  IpsFormDefinition *fa = *(IpsFormDefinition **)a;
  IpsFormDefinition *fb = *(IpsFormDefinition **)b;
  guint oa = ips_form_definition_get_order (fa);
  guint ob = ips_form_definition_get_order (fb);

  if (oa != ob)
    return oa < ob ? -1 : 1;
  return g_strcmp0 (ips_form_definition_get_id (fa), ips_form_definition_get_id (fb));
}

IpsFormCatalog *
ips_form_catalog_new_from_resource (const char  *path,
                                    GError     **error)
{
  g_autoptr(IpsFormCatalog) self = g_object_new (IPS_TYPE_FORM_CATALOG, NULL);
  g_auto(GStrv) names = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  names = g_resources_enumerate_children (path, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (names == NULL)
    return NULL;

  for (guint i = 0; names[i]; i++)
    {
      g_autofree char *resource = NULL;
      g_autoptr(GBytes) bytes = NULL;
      IpsFormDefinition *form;

      if (!g_str_has_suffix (names[i], ".form.xml"))
        continue;

      resource = g_strconcat (path, names[i], NULL);
      bytes = g_resources_lookup_data (resource, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
      if (bytes == NULL)
        return NULL;

      form = ips_form_definition_new_from_bytes (bytes, error);
      if (form == NULL)
        return NULL;
      if (ips_form_catalog_lookup (self, ips_form_definition_get_id (form)) != NULL)
        {
          g_set_error (error, IPS_ERROR, IPS_ERROR_INVALID_DEFINITION,
                       "form “%s” is declared twice", ips_form_definition_get_id (form));
          g_object_unref (form);
          return NULL;
        }
      g_ptr_array_add (self->forms, form);
    }

  g_ptr_array_sort (self->forms, compare_forms);
  return g_steal_pointer (&self);
}

IpsFormCatalog *
ips_form_catalog_new_default (GError **error)
{
  static gsize registered = 0;

  /* Registered by hand: a constructor in a static library may be dropped by the linker. */
  if (g_once_init_enter (&registered))
    {
      ips_forms_register_resource ();
      g_once_init_leave (&registered, 1);
    }

  return ips_form_catalog_new_from_resource (IPS_FORMS_RESOURCE_PATH, error);
}

void
ips_form_catalog_add (IpsFormCatalog    *self,
                      IpsFormDefinition *form)
{
  g_return_if_fail (IPS_IS_FORM_CATALOG (self));
  g_return_if_fail (IPS_IS_FORM_DEFINITION (form));

  g_ptr_array_add (self->forms, g_object_ref (form));
  g_ptr_array_sort (self->forms, compare_forms);
}

guint
ips_form_catalog_get_n_forms (IpsFormCatalog *self)
{
  g_return_val_if_fail (IPS_IS_FORM_CATALOG (self), 0);
  return self->forms->len;
}

IpsFormDefinition *
ips_form_catalog_get_form (IpsFormCatalog *self,
                           guint           position)
{
  g_return_val_if_fail (IPS_IS_FORM_CATALOG (self), NULL);
  g_return_val_if_fail (position < self->forms->len, NULL);
  return g_ptr_array_index (self->forms, position);
}

IpsFormDefinition *
ips_form_catalog_lookup (IpsFormCatalog *self,
                         const char     *form_id)
{
  g_return_val_if_fail (IPS_IS_FORM_CATALOG (self), NULL);

  for (guint i = 0; i < self->forms->len; i++)
    {
      IpsFormDefinition *form = g_ptr_array_index (self->forms, i);

      if (g_strcmp0 (ips_form_definition_get_id (form), form_id) == 0)
        return form;
    }
  return NULL;
}

IpsFieldDefinition *
ips_form_catalog_resolve (IpsFormCatalog *self,
                          const char     *form_id,
                          const char     *group_key,
                          const char     *key,
                          GError        **error)
{
  IpsFormDefinition *form;
  IpsFieldDefinition *field;

  g_return_val_if_fail (IPS_IS_FORM_CATALOG (self), NULL);

  form = ips_form_catalog_lookup (self, form_id);
  if (form == NULL)
    {
      g_set_error (error, IPS_ERROR, IPS_ERROR_UNKNOWN_FORM,
                   _("There is no form called “%s”"), form_id ? form_id : "");
      return NULL;
    }

  if (group_key == NULL)
    {
      field = ips_form_definition_lookup_field (form, key);
      if (field == NULL)
        g_set_error (error, IPS_ERROR, IPS_ERROR_UNKNOWN_FIELD,
                     _("The form “%s” has no field “%s”"), form_id, key ? key : "");
      return field;
    }

  field = ips_form_definition_lookup_field (form, group_key);
  if (field == NULL || !ips_field_definition_is_group (field))
    {
      g_set_error (error, IPS_ERROR, IPS_ERROR_UNKNOWN_FIELD,
                   _("The form “%s” has no list “%s”"), form_id, group_key);
      return NULL;
    }
  if (key == NULL)
    return field;

  field = ips_field_definition_lookup_field (field, key);
  if (field == NULL)
    g_set_error (error, IPS_ERROR, IPS_ERROR_UNKNOWN_FIELD,
                 _("The list “%s” of form “%s” has no field “%s”"), group_key, form_id, key);
  return field;
}
