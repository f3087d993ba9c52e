/* ips-form-catalog.h: every form the application knows, in the order they are filled in
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ips-form-definition.h"

G_BEGIN_DECLS

#define IPS_TYPE_FORM_CATALOG (ips_form_catalog_get_type ())

G_DECLARE_FINAL_TYPE (IpsFormCatalog, ips_form_catalog, IPS, FORM_CATALOG, GObject)

/* Where the built-in definitions live in the GResource. */
#define IPS_FORMS_RESOURCE_PATH "/io/github/ipscaseload/IpsCaseload/forms/"

IpsFormCatalog    *ips_form_catalog_new_from_resource (const char     *path,
                                                       GError        **error);
/* The built-in forms; each caller owns its catalog (there is no global one). */
IpsFormCatalog    *ips_form_catalog_new_default       (GError        **error);
void               ips_form_catalog_add               (IpsFormCatalog *self,
                                                       IpsFormDefinition *form);
guint              ips_form_catalog_get_n_forms       (IpsFormCatalog *self);
IpsFormDefinition *ips_form_catalog_get_form          (IpsFormCatalog *self,
                                                       guint           position);
IpsFormDefinition *ips_form_catalog_lookup            (IpsFormCatalog *self,
                                                       const char     *form_id);
/* Looks up a field (group_key NULL), a group, or a field within a group,
 * setting a precise error for an unknown form or key. */
IpsFieldDefinition *ips_form_catalog_resolve          (IpsFormCatalog *self,
                                                       const char     *form_id,
                                                       const char     *group_key,
                                                       const char     *key,
                                                       GError        **error);

G_END_DECLS
