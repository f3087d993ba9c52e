/* ips-form-definition.h: one form, loaded from its declaration in data/forms/
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ips-form-section.h"

G_BEGIN_DECLS

#define IPS_TYPE_FORM_DEFINITION (ips_form_definition_get_type ())

G_DECLARE_FINAL_TYPE (IpsFormDefinition, ips_form_definition, IPS, FORM_DEFINITION, GObject)

IpsFormDefinition  *ips_form_definition_new_from_bytes (GBytes             *bytes,
                                                        GError            **error);

const char         *ips_form_definition_get_id         (IpsFormDefinition  *self);
guint               ips_form_definition_get_version    (IpsFormDefinition  *self);
guint               ips_form_definition_get_order      (IpsFormDefinition  *self);
const char         *ips_form_definition_get_title      (IpsFormDefinition  *self);
const char         *ips_form_definition_get_description (IpsFormDefinition *self);
GPtrArray          *ips_form_definition_get_sections   (IpsFormDefinition  *self);

/* A top-level field or group of any section, or NULL. */
IpsFieldDefinition *ips_form_definition_lookup_field   (IpsFormDefinition  *self,
                                                        const char         *key);
IpsFormSection     *ips_form_definition_lookup_section_of (IpsFormDefinition *self,
                                                        const char         *key);
/* Every top-level field and group, in declared order (borrowed). */
GPtrArray          *ips_form_definition_get_all_fields (IpsFormDefinition  *self);

G_END_DECLS
