/* fuzz-common.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "fuzz-common.h"

IpsFormCatalog *
fuzz_catalog (void)
{
  static IpsFormCatalog *catalog;

  if (catalog == NULL)
    {
      g_autoptr(GError) error = NULL;

      g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
      catalog = ips_form_catalog_new_default (&error);
      g_assert_no_error (error);
    }
  return catalog;
}
