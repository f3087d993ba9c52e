/* ips-cli.c: which command the words name, its help, and running it
 *
 * This part is plain C on the C library alone, and the commands are a module
 * loaded only when one is given (ips-cli-commands.c), so that ips-caseload
 * opens the window without loading what the commands need. Loading SQLite,
 * libxml2 with ICU, libzip with OpenSSL's libcrypto, and GLib took 9 ms of
 * every window's start; loading GLib here too would make each command's
 * libraries look through GLib's for their own symbols first
 * (bench/NOTES.md).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <dlfcn.h>
#include <libintl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ips-cli.h"
#include "ips-cli-commands.h"

#define _(String) gettext (String)
#define N_(String) (String)

#define COMMANDS_MODULE "ips-caseload-commands.so"

typedef struct
{
  const char *name;
  const char *symbol; /* in the module */
  const char *parameters;
  const char *summary;
} Command;

static const Command commands[] = {
  { "new", "ips_cli_command_new", "-o FILE", N_("Create an empty client file") },
  { "check", "ips_cli_command_check", "FILE", N_("Show a client file’s version, integrity and lock") },
  { "export", "ips_cli_command_export", "--format=odt|xml [--form=NAME] FILE -o OUT", N_("Export a client record") },
  { "import", "ips_cli_command_import", "FILE.xml -o FILE", N_("Make a client file from an XML export") },
  { "report", "ips_cli_command_report", "[--from=DATE --to=DATE] [--as-of=DATE] [--format=text|csv] [-o OUT] FOLDER", N_("Show the caseload figures for a folder of client files") },
};

#define N_COMMANDS (sizeof commands / sizeof commands[0])

/* "ips-caseload --help": the commands, which the window's own help
 * (--help-all) does not know of. */
bool
ips_cli_is_help (int    argc,
                 char **argv)
{
  return argc >= 2 && (strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0 ||
                       strcmp (argv[1], "-?") == 0 || strcmp (argv[1], "help") == 0);
}

int
ips_cli_print_help (void)
{
  printf ("%s\n  ips-caseload [FILE…]\n      %s\n\n%s\n", _("Usage:"),
          _("Open the caseload, or these client files, in a window"), _("Commands:"));
  for (size_t i = 0; i < N_COMMANDS; i++)
    printf ("  ips-caseload %s %s\n      %s\n",
            commands[i].name, commands[i].parameters, _(commands[i].summary));
  putchar ('\n');
  /* TRANSLATORS: %s is the program, "ips-caseload" */
  printf (_("“%s COMMAND --help” shows a command’s options."), "ips-caseload");
  putchar ('\n');
  return 0;
}

static const Command *
lookup_command (int    argc,
                char **argv)
{
  if (argc < 2)
    return NULL;
  for (size_t i = 0; i < N_COMMANDS; i++)
    if (strcmp (argv[1], commands[i].name) == 0)
      return &commands[i];
  return NULL;
}

bool
ips_cli_is_command (int    argc,
                    char **argv)
{
  return lookup_command (argc, argv) != NULL;
}

/* A first word that is no command, and no file the window could open (it
 * does not exist and has no "/" or "." of a file name), is most likely a
 * command mistyped: better said here than by a window that cannot open it. */
bool
ips_cli_is_unknown_command (int    argc,
                            char **argv)
{
  const char *word = argc >= 2 ? argv[1] : NULL;
  struct stat info;

  return word != NULL && word[0] != '-' && !ips_cli_is_command (argc, argv) &&
         strpbrk (word, "/.") == NULL && stat (word, &info) != 0;
}

int
ips_cli_report_unknown_command (const char *word)
{
  fputs ("ips-caseload: ", stderr);
  fprintf (stderr, _("“%s” is neither a command nor a file"), word);
  fputc ('\n', stderr);
  fprintf (stderr, _("Try “%s --help”.\n"), "ips-caseload");
  return 2;
}

/* The program's own files: beside the executable in the build tree, and in
 * installed_dir once installed. */
char *
ips_cli_find_file (const char *name,
                   const char *installed_dir)
{
  char self[4096];
  ssize_t length = readlink ("/proc/self/exe", self, sizeof self - 1);
  char *slash;
  char *path = NULL;
  struct stat info;

  if (length > 0)
    {
      self[length] = '\0';
      slash = strrchr (self, '/');
      if (slash != NULL && asprintf (&path, "%.*s/%s", (int) (slash - self), self, name) >= 0)
        {
          if (stat (path, &info) == 0 && S_ISREG (info.st_mode))
            return path;
          free (path);
        }
    }
  if (asprintf (&path, "%s/%s", installed_dir, name) < 0)
    abort ();
  return path;
}

int
ips_cli_run (int    argc,
             char **argv)
{
  const Command *command = lookup_command (argc, argv);
  char *module_path;
  IpsCliCommandFunc func;
  void *module;

  if (command == NULL)
    return 2;
  /* Never closed: the command runs, and the process exits. */
  module_path = ips_cli_find_file (COMMANDS_MODULE, PKGLIBDIR);
  module = dlopen (module_path, RTLD_LAZY | RTLD_GLOBAL);
  free (module_path);
  func = module ? (IpsCliCommandFunc) dlsym (module, command->symbol) : NULL;
  if (func == NULL)
    {
      /* A broken installation, not anything a user typed. */
      fprintf (stderr, "ips-caseload: %s\n", dlerror ());
      return 1;
    }
  return func (argc - 1, argv + 1);
}
