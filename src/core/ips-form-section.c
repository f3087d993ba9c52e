/* ips-form-section.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ips-form-section.h"

struct _IpsFormSection
{
  GObject parent_instance;

  char *id;
  char *title;
  char *sensitive;
  GPtrArray *fields;
};

G_DEFINE_FINAL_TYPE (IpsFormSection, ips_form_section, G_TYPE_OBJECT)

static void
ips_form_section_finalize (GObject *object)
{
  IpsFormSection *self = (IpsFormSection *)object;

  g_free (self->id);
  g_free (self->title);
  g_free (self->sensitive);
  g_ptr_array_unref (self->fields);

  G_OBJECT_CLASS (ips_form_section_parent_class)->finalize (object);
}

static void
ips_form_section_class_init (IpsFormSectionClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ips_form_section_finalize;
}

static void
ips_form_section_init (IpsFormSection *self)
{
  self->fields = g_ptr_array_new_with_free_func (g_object_unref);
}

IpsFormSection *
ips_form_section_new (const char *id,
                      const char *title,
                      const char *sensitive)
{
  IpsFormSection *self = g_object_new (IPS_TYPE_FORM_SECTION, NULL);

  self->id = g_strdup (id);
  self->title = g_strdup (title);
  self->sensitive = g_strdup (sensitive);
  return self;
}

const char *
ips_form_section_get_id (IpsFormSection *self)
{
  g_return_val_if_fail (IPS_IS_FORM_SECTION (self), NULL);
  return self->id;
}

const char *
ips_form_section_get_title (IpsFormSection *self)
{
  g_return_val_if_fail (IPS_IS_FORM_SECTION (self), NULL);
  return self->title;
}

const char *
ips_form_section_get_sensitive (IpsFormSection *self)
{
  g_return_val_if_fail (IPS_IS_FORM_SECTION (self), NULL);
  return self->sensitive;
}

GPtrArray *
ips_form_section_get_fields (IpsFormSection *self)
{
  g_return_val_if_fail (IPS_IS_FORM_SECTION (self), NULL);
  return self->fields;
}

/* Takes ownership of @field. */
void
ips_form_section_add_field (IpsFormSection     *self,
                            IpsFieldDefinition *field)
{
  g_return_if_fail (IPS_IS_FORM_SECTION (self));
  g_ptr_array_add (self->fields, field);
}
