/* fuzz-form-definition.c: the loader of form declarations (data/forms/)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "fuzz-common.h"

#include "ips-form-definition.h"

static void
validate_all (GPtrArray *fields)
{
  static const char * const values[] = {
    "yes", "2026-01-05", "09:30", "12.50", "return-to-paid-work", "a\nb", "", NULL
  };

  for (guint i = 0; fields != NULL && i < fields->len; i++)
    {
      IpsFieldDefinition *field = g_ptr_array_index (fields, i);

      for (guint v = 0; values[v]; v++)
        {
          g_autofree char *canonical = NULL;

          ips_field_definition_validate (field, values[v], &canonical, NULL);
        }
      validate_all (ips_field_definition_get_fields (field));
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(IpsFormDefinition) form = NULL;

  fuzz_catalog ();   /* for the fatal log levels */
  form = ips_form_definition_new_from_bytes (bytes, NULL);
  if (form == NULL)
    return 0;

  validate_all (ips_form_definition_get_all_fields (form));
  for (guint i = 0; i < ips_form_definition_get_sections (form)->len; i++)
    ips_form_definition_lookup_section_of (form, "name");
  return 0;
}
