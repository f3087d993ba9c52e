/* fuzz-xml-import.c: importing an XML export from elsewhere
 *
 * Each input is imported into a new client file in a private folder (on
 * /dev/shm when there is one, so that the import's syncs cost little); an
 * import that succeeds is exported again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "fuzz-common.h"

#include <glib/gstdio.h>
#include <stdlib.h>

#include "ips-xml-export.h"
#include "ips-xml-import.h"

static char *folder;

static void
remove_folder (void)
{
  g_rmdir (folder);
}

static const char *
fuzz_folder (void)
{
  if (folder == NULL)
    {
      g_autofree char *template = NULL;

      if (g_file_test ("/dev/shm", G_FILE_TEST_IS_DIR))
        template = g_strdup ("/dev/shm/ips-fuzz-XXXXXX");
      else
        template = g_build_filename (g_get_tmp_dir (), "ips-fuzz-XXXXXX", NULL);
      folder = g_mkdtemp_full (template, 0700);
      g_assert (folder != NULL);
      g_steal_pointer (&template);
      atexit (remove_folder);
    }
  return folder;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  IpsFormCatalog *catalog = fuzz_catalog ();
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(IpsClientFile) file = NULL;
  g_autofree char *path = g_build_filename (fuzz_folder (), "client.ipsclient", NULL);
  g_autofree char *lock = g_strconcat (path, "-lock", NULL);

  file = ips_xml_import (bytes, path, catalog, NULL);
  if (file != NULL)
    {
      g_autoptr(GBytes) xml = ips_xml_export (file, NULL, IPS_XML_EXPORT_HISTORY, NULL);

      g_assert (xml != NULL);
      ips_client_file_close (file);
    }
  g_unlink (path);
  g_assert (!g_file_test (lock, G_FILE_TEST_EXISTS));
  return 0;
}
