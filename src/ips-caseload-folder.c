/* ips-caseload-folder.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "ips-caseload-folder.h"
#include "ips-client-file.h"
#include "ips-error.h"
#include "ips-xml-import.h"

#define MAX_NAME_BYTES 200
#define EXAMPLE_RESOURCE "/io/github/ipscaseload/IpsCaseload/examples/john.xml"

char *
ips_caseload_folder_resolve (const char *setting)
{
  const char *documents;

  if (setting != NULL && *setting != '\0')
    return g_strdup (setting);

  documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);
  /* Some desktops set the Documents folder to the home folder itself: a
   * caseload beside everything else there is not what anyone wants. */
  if (documents == NULL || g_str_equal (documents, g_get_home_dir ()))
    return g_build_filename (g_get_home_dir (), "Documents", _("IPS Caseload"), NULL);
  return g_build_filename (documents, _("IPS Caseload"), NULL);
}

gboolean
ips_caseload_folder_ensure (const char      *folder,
                            IpsFormCatalog  *catalog,
                            GError         **error)
{
  g_autofree char *parent = NULL;
  g_autofree char *example = NULL;
  g_autoptr(GBytes) xml = NULL;
  g_autoptr(IpsClientFile) file = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (folder != NULL, FALSE);
  g_return_val_if_fail (IPS_IS_FORM_CATALOG (catalog), FALSE);

  if (g_file_test (folder, G_FILE_TEST_IS_DIR))
    return TRUE;
  if (g_file_test (folder, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, IPS_ERROR, IPS_ERROR_UNREADABLE,
                   _("The caseload folder is a file, not a folder; choose another folder"));
      return FALSE;
    }

  parent = g_path_get_dirname (folder);
  if (g_mkdir_with_parents (parent, 0700) != 0 || g_mkdir (folder, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, IPS_ERROR, saved_errno == ENOSPC ? IPS_ERROR_NO_SPACE : IPS_ERROR_WRITE_FAILED,
                   _("The caseload folder cannot be created: %s"), g_strerror (saved_errno));
      return FALSE;
    }

  /* The example is a help, not a requirement: a folder without it still works. */
  xml = g_resources_lookup_data (EXAMPLE_RESOURCE, G_RESOURCE_LOOKUP_FLAGS_NONE, &local_error);
  if (xml != NULL)
    {
      example = g_build_filename (folder, IPS_CASELOAD_EXAMPLE_FILE_NAME, NULL);
      file = ips_xml_import (xml, example, catalog, &local_error);
      if (file != NULL)
        ips_client_file_close (file);
    }
  if (local_error != NULL)
    g_warning ("The example client could not be added to the new caseload folder: %s",
               local_error->message);
  return TRUE;
}

char *
ips_caseload_folder_file_name_for (const char *name)
{
  g_autoptr(GString) clean = NULL;

  g_return_val_if_fail (name != NULL, NULL);

  clean = g_string_new (NULL);
  for (const char *p = name; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char_validated (p, -1);

      if (c == (gunichar)-1 || c == (gunichar)-2)
        break;
      if (g_unichar_iscntrl (c) || c == 0xFFFD || (c < 0x80 && strchr ("/\\:*?\"<>|", (int)c) != NULL))
        continue;
      g_string_append_unichar (clean, c);
    }

  /* Room for the extension within the usual limit of 255 bytes a name. */
  if (clean->len > MAX_NAME_BYTES)
    {
      const char *end = g_utf8_find_prev_char (clean->str, clean->str + MAX_NAME_BYTES + 1);

      g_string_truncate (clean, (gsize)(end - clean->str));
    }

  g_strstrip (clean->str);
  /* A leading dot hides the file; dots alone are no name. */
  {
    const char *start = clean->str;

    while (*start == '.')
      start++;
    if (*start == '\0')
      return NULL;
    return g_strstrip (g_strdup (start));
  }
}
