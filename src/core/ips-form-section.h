/* ips-form-section.h: a headed part of a form, holding its fields in order
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ips-field-definition.h"

G_BEGIN_DECLS

#define IPS_TYPE_FORM_SECTION (ips_form_section_get_type ())

G_DECLARE_FINAL_TYPE (IpsFormSection, ips_form_section, IPS, FORM_SECTION, GObject)

IpsFormSection *ips_form_section_new            (const char     *id,
                                                 const char     *title,
                                                 const char     *sensitive);
const char     *ips_form_section_get_id         (IpsFormSection *self);
const char     *ips_form_section_get_title      (IpsFormSection *self);
/* NULL, "health" or "forensic": hidden in client view unless shown on purpose. */
const char     *ips_form_section_get_sensitive  (IpsFormSection *self);
/* The fields and groups of the section, in declared order. */
GPtrArray      *ips_form_section_get_fields     (IpsFormSection *self);
void            ips_form_section_add_field      (IpsFormSection *self,
                                                 IpsFieldDefinition *field);

G_END_DECLS
