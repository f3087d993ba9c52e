/* test-form-layout.c: every form's .ui places each declared field once, in its own section
 *
 * The layouts in ui/forms/ are read as plain XML (no GTK, no display): the
 * widget classes take everything else from the definition, so what matters
 * here is which key sits in which section, and in which order.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "ips-signature.h"
#include "ips-test-util.h"
#include "ips-xml-private.h"

typedef struct
{
  IpsFormDefinition *form;
  GPtrArray *problems;      /* owned strings */
  GHashTable *placed;       /* key -> number of times placed */
  GHashTable *sections_seen;
  GPtrArray *placed_order;  /* borrowed keys, first placement of each */
  int last_section;         /* declared position of the section placed last */
} LayoutCheck;

static void
problem (LayoutCheck *check,
         const char  *format,
         ...) G_GNUC_PRINTF (2, 3);

static void
problem (LayoutCheck *check,
         const char  *format,
         ...)
{
  va_list args;

  va_start (args, format);
  g_ptr_array_add (check->problems, g_strdup_vprintf (format, args));
  va_end (args);
}

/* The text of the object's own <property name="@name">, or NULL. */
static char *
object_property (const xmlNode *object,
                 const char    *name)
{
  for (const xmlNode *child = object->children; child; child = child->next)
    {
      g_autofree char *property_name = NULL;

      if (!ips_xml_is (child, "property"))
        continue;
      property_name = ips_xml_get_attr (child, "name");
      if (g_strcmp0 (property_name, name) == 0)
        {
          g_autofree char *text = ips_xml_get_text (child);
          return g_strdup (g_strstrip (text));
        }
    }
  return NULL;
}

static int
section_position (IpsFormDefinition *form,
                  const char        *section_id)
{
  GPtrArray *sections = ips_form_definition_get_sections (form);

  for (guint i = 0; i < sections->len; i++)
    if (g_strcmp0 (ips_form_section_get_id (g_ptr_array_index (sections, i)), section_id) == 0)
      return (int)i;
  return -1;
}

static gboolean
is_field_class (const char *class_name)
{
  return g_strcmp0 (class_name, "IpsField") == 0 ||
         g_strcmp0 (class_name, "IpsRowsEditor") == 0 ||
         g_strcmp0 (class_name, "IpsPointsList") == 0;
}

/* The widget class that shows @field. */
static const char *
class_for_field (IpsFieldDefinition *field)
{
  switch (ips_field_definition_get_field_type (field))
    {
    case IPS_FIELD_ROWS:
      return "IpsRowsEditor";
    case IPS_FIELD_POINTS:
      return "IpsPointsList";
    case IPS_FIELD_TEXT:
    case IPS_FIELD_LONG:
    case IPS_FIELD_DATE:
    case IPS_FIELD_TIME:
    case IPS_FIELD_YESNO:
    case IPS_FIELD_CHOICE:
    case IPS_FIELD_MULTI:
    case IPS_FIELD_NUMBER:
    case IPS_FIELD_SIGNATURE:
    default:
      return "IpsField";
    }
}

/* Answers that need the width of the page. */
static gboolean
is_wide_field (IpsFieldDefinition *field)
{
  switch (ips_field_definition_get_field_type (field))
    {
    case IPS_FIELD_LONG:
    case IPS_FIELD_MULTI:
    case IPS_FIELD_SIGNATURE:
    case IPS_FIELD_ROWS:
    case IPS_FIELD_POINTS:
      return TRUE;
    case IPS_FIELD_TEXT:
    case IPS_FIELD_DATE:
    case IPS_FIELD_TIME:
    case IPS_FIELD_YESNO:
    case IPS_FIELD_CHOICE:
    case IPS_FIELD_NUMBER:
    default:
      return FALSE;
    }
}

static void
place_key (LayoutCheck    *check,
           const char     *class_name,
           const char     *key,
           IpsFormSection *section)
{
  IpsFieldDefinition *field = ips_form_definition_lookup_field (check->form, key);
  IpsFormSection *declared_in;
  guint times;

  if (field == NULL)
    {
      problem (check, "unknown key “%s” (%s)", key, class_name);
      return;
    }
  if (g_strcmp0 (class_for_field (field), class_name) != 0)
    problem (check, "“%s” is a %s field but placed in an %s, not an %s", key,
             ips_field_type_to_string (ips_field_definition_get_field_type (field)),
             class_name, class_for_field (field));

  declared_in = ips_form_definition_lookup_section_of (check->form, key);
  if (section == NULL)
    problem (check, "“%s” is outside any section (declared in “%s”)",
             key, ips_form_section_get_id (declared_in));
  else if (section != declared_in)
    problem (check, "“%s” is in section “%s” but declared in “%s”", key,
             ips_form_section_get_id (section), ips_form_section_get_id (declared_in));

  times = GPOINTER_TO_UINT (g_hash_table_lookup (check->placed, key));
  if (times == 0)
    g_ptr_array_add (check->placed_order, (gpointer)ips_field_definition_get_key (field));
  g_hash_table_insert (check->placed, (gpointer)ips_field_definition_get_key (field),
                       GUINT_TO_POINTER (times + 1));
}

static IpsFormSection *
enter_section (LayoutCheck    *check,
               const xmlNode  *object,
               IpsFormSection *outer)
{
  g_autofree char *section_id = object_property (object, "section-id");
  GPtrArray *sections = ips_form_definition_get_sections (check->form);
  IpsFormSection *section;
  int position;

  if (section_id == NULL)
    {
      problem (check, "an IpsSectionView without a section-id (line %ld)", xmlGetLineNo (object));
      return NULL;
    }
  position = section_position (check->form, section_id);
  if (position < 0)
    {
      problem (check, "unknown section “%s”", section_id);
      return NULL;
    }
  section = g_ptr_array_index (sections, position);

  if (outer != NULL)
    problem (check, "section “%s” is inside section “%s”",
             section_id, ips_form_section_get_id (outer));
  if (!g_hash_table_add (check->sections_seen, (gpointer)ips_form_section_get_id (section)))
    problem (check, "section “%s” is placed twice", section_id);
  else if (position < check->last_section)
    problem (check, "section “%s” comes after “%s” but is declared before it", section_id,
             ips_form_section_get_id (g_ptr_array_index (sections, check->last_section)));
  check->last_section = MAX (check->last_section, position);

  return section;
}

/* Short answers may share a line, at most three of them; long ones may not. */
static void
check_line (LayoutCheck   *check,
            const xmlNode *box)
{
  guint n_fields = 0;

  for (const xmlNode *child = box->children; child; child = child->next)
    {
      if (!ips_xml_is (child, "child"))
        continue;
      for (const xmlNode *object = child->children; object; object = object->next)
        {
          g_autofree char *class_name = NULL;
          g_autofree char *key = NULL;
          IpsFieldDefinition *field;

          if (!ips_xml_is (object, "object"))
            continue;
          class_name = ips_xml_get_attr (object, "class");
          if (!is_field_class (class_name))
            continue;
          n_fields++;
          key = object_property (object, "key");
          field = key ? ips_form_definition_lookup_field (check->form, key) : NULL;
          if (field != NULL && is_wide_field (field))
            problem (check, "“%s” (%s) shares a line with other fields: keep it full width", key,
                     ips_field_type_to_string (ips_field_definition_get_field_type (field)));
        }
    }

  if (n_fields > 3)
    problem (check, "%u fields on one line (line %ld): at most 3 fit", n_fields, xmlGetLineNo (box));
}

static void
walk (LayoutCheck    *check,
      const xmlNode  *node,
      IpsFormSection *section)
{
  for (const xmlNode *child = node->children; child; child = child->next)
    {
      g_autofree char *class_name = NULL;
      IpsFormSection *inner = section;

      if (child->type != XML_ELEMENT_NODE)
        continue;

      if (ips_xml_is (child, "object"))
        {
          class_name = ips_xml_get_attr (child, "class");

          if (g_strcmp0 (class_name, "IpsSectionView") == 0)
            inner = enter_section (check, child, section);
          else if (is_field_class (class_name))
            {
              g_autofree char *key = object_property (child, "key");

              if (key == NULL)
                problem (check, "an %s without a key (line %ld)", class_name, xmlGetLineNo (child));
              else
                place_key (check, class_name, key, section);
            }
          else if (g_strcmp0 (class_name, "GtkBox") == 0)
            {
              g_autofree char *orientation = object_property (child, "orientation");

              if (g_strcmp0 (orientation, "vertical") != 0)
                check_line (check, child);
            }
        }

      walk (check, child, inner);
    }
}

static void
check_declared (LayoutCheck *check)
{
  GPtrArray *fields = ips_form_definition_get_all_fields (check->form);
  GPtrArray *sections = ips_form_definition_get_sections (check->form);
  int last_position = -1;
  const char *last_key = NULL;

  for (guint i = 0; i < sections->len; i++)
    {
      const char *section_id = ips_form_section_get_id (g_ptr_array_index (sections, i));

      if (!g_hash_table_contains (check->sections_seen, section_id))
        problem (check, "section “%s” is not placed", section_id);
    }

  for (guint i = 0; i < fields->len; i++)
    {
      const char *key = ips_field_definition_get_key (g_ptr_array_index (fields, i));
      guint times = GPOINTER_TO_UINT (g_hash_table_lookup (check->placed, key));
      IpsFieldDefinition *owner = ips_signature_lookup_owner (check->form, key);

      /* A signature's date and version are shown and set by the signature. */
      if (owner != NULL)
        {
          if (times > 0)
            problem (check, "“%s” is placed, but the signature “%s” shows it", key,
                     ips_field_definition_get_key (owner));
          continue;
        }
      if (times == 0)
        problem (check, "“%s” is not placed", key);
      else if (times > 1)
        problem (check, "“%s” is placed %u times", key, times);
    }

  /* The Tab order follows the widget tree: keep it the declared order. */
  for (guint i = 0; i < check->placed_order->len; i++)
    {
      const char *key = g_ptr_array_index (check->placed_order, i);
      int position = -1;

      for (guint j = 0; j < fields->len && position < 0; j++)
        if (g_strcmp0 (ips_field_definition_get_key (g_ptr_array_index (fields, j)), key) == 0)
          position = (int)j;

      if (position < last_position)
        problem (check, "“%s” comes after “%s” but is declared before it", key, last_key);
      last_position = position;
      last_key = key;
    }
}

/* Every way in which the layout @ui disagrees with @form, as sentences;
 * an empty array when it is right. */
static GPtrArray *
check_layout (IpsFormDefinition *form,
              const char        *ui,
              gsize              length)
{
  g_autoptr(xmlParserCtxt) context = xmlNewParserCtxt ();
  g_autoptr(xmlDoc) doc = NULL;
  g_autoptr(GHashTable) placed = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) sections_seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) placed_order = g_ptr_array_new ();
  LayoutCheck check = {
    .form = form,
    .problems = g_ptr_array_new_with_free_func (g_free),
    .placed = placed,
    .sections_seen = sections_seen,
    .placed_order = placed_order,
    .last_section = -1,
  };
  const xmlNode *root;
  const xmlNode *top = NULL;
  guint n_top = 0;

  /* No network, no entity expansion, and errors kept out of the test's output. */
  doc = xmlCtxtReadMemory (context, ui, (int)length, "layout.ui", "UTF-8",
                           XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (doc == NULL)
    {
      const xmlError *error = xmlCtxtGetLastError (context);
      g_autofree char *message = g_strdup (error && error->message ? error->message : "unknown error");

      problem (&check, "not well-formed XML: %s", g_strstrip (message));
      return check.problems;
    }

  root = xmlDocGetRootElement (doc);
  if (!ips_xml_is (root, "interface"))
    {
      problem (&check, "the root element is not <interface>");
      return check.problems;
    }

  for (const xmlNode *child = root->children; child; child = child->next)
    if (ips_xml_is (child, "object") || ips_xml_is (child, "template"))
      {
        n_top++;
        top = child;
      }
  if (n_top != 1)
    problem (&check, "%u top-level objects: a layout has one, the GtkBox “form”", n_top);
  else
    {
      g_autofree char *id = ips_xml_get_attr (top, "id");

      if (g_strcmp0 (id, "form") != 0)
        problem (&check, "the top-level object’s id is “%s”, not “form”", id ? id : "");
    }

  walk (&check, root, NULL);
  check_declared (&check);

  return check.problems;
}

static char *
describe_problems (GPtrArray *problems)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < problems->len; i++)
    g_string_append_printf (text, "\n  %s", (const char *)g_ptr_array_index (problems, i));
  return g_string_free (text, FALSE);
}

static char *
layout_path (const char *form_id)
{
  g_autofree char *name = g_strconcat (form_id, ".ui", NULL);

  return g_test_build_filename (G_TEST_DIST, "..", "ui", "forms", name, NULL);
}

static void
test_layout_form (gconstpointer data)
{
  const char *form_id = data;
  g_autoptr(IpsFormCatalog) catalog = ips_test_catalog ();
  IpsFormDefinition *form = ips_form_catalog_lookup (catalog, form_id);
  g_autofree char *path = layout_path (form_id);
  g_autoptr(GError) error = NULL;
  g_autofree char *ui = NULL;
  gsize length = 0;
  g_autoptr(GPtrArray) problems = NULL;

  g_assert_nonnull (form);
  if (!g_file_get_contents (path, &ui, &length, &error))
    g_error ("form “%s” has no layout: %s", form_id, error->message);

  problems = check_layout (form, ui, length);
  if (problems->len > 0)
    {
      g_autofree char *text = describe_problems (problems);

      g_error ("ui/forms/%s.ui disagrees with its definition:%s", form_id, text);
    }
}

static void
test_layout_no_strays (void)
{
  g_autoptr(IpsFormCatalog) catalog = ips_test_catalog ();
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "..", "ui", "forms", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) listing = g_dir_open (dir, 0, &error);
  const char *name;
  guint n_layouts = 0;

  g_assert_no_error (error);
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *form_id = NULL;

      if (!g_str_has_suffix (name, ".ui"))
        continue;
      form_id = g_strndup (name, strlen (name) - strlen (".ui"));
      if (ips_form_catalog_lookup (catalog, form_id) == NULL)
        g_error ("ui/forms/%s lays out no known form", name);
      n_layouts++;
    }
  g_assert_cmpuint (n_layouts, ==, ips_form_catalog_get_n_forms (catalog));
}

/* A small form for the checker's own tests. */
static const char tiny_form[] =
  "<form id='tiny' version='1' order='1'>"
  "  <title>Tiny</title><description>For the layout checker.</description>"
  "  <section id='first'><title>First</title>"
  "    <field key='name' type='text'><label>Name</label></field>"
  "    <field key='born' type='date'><label>Born</label></field>"
  "    <group key='jobs' type='rows'><label>Jobs</label>"
  "      <field key='title' type='text'><label>Title</label></field></group>"
  "  </section>"
  "  <section id='second'><title>Second</title>"
  "    <field key='story' type='long'><label>Story</label></field>"
  "    <group key='ideas' type='points'><label>Ideas</label></group>"
  "  </section>"
  "</form>";

#define UI_BEGIN "<interface><object class='GtkBox' id='form'><property name='orientation'>vertical</property>"
#define UI_END "</object></interface>"
#define SECTION(id, body) \
  "<child><object class='IpsSectionView'><property name='section-id'>" id "</property>" body "</object></child>"
#define PLACE(class_name, key) \
  "<child><object class='" class_name "'><property name='key'>" key "</property></object></child>"
#define LINE(body) "<child><object class='GtkBox'><property name='homogeneous'>true</property>" body "</object></child>"

#define FIRST_OK PLACE ("IpsField", "name") PLACE ("IpsField", "born") PLACE ("IpsRowsEditor", "jobs")
#define SECOND_OK PLACE ("IpsField", "story") PLACE ("IpsPointsList", "ideas")

static IpsFormDefinition *
tiny_definition (void)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (tiny_form, sizeof tiny_form - 1);
  g_autoptr(GError) error = NULL;
  IpsFormDefinition *form = ips_form_definition_new_from_bytes (bytes, &error);

  g_assert_no_error (error);
  return form;
}

static void
assert_problems (IpsFormDefinition  *form,
                 const char         *ui,
                 const char * const *expected)
{
  g_autoptr(GPtrArray) problems = check_layout (form, ui, strlen (ui));
  g_autofree char *text = describe_problems (problems);

  for (guint i = 0; expected[i] != NULL; i++)
    if (strstr (text, expected[i]) == NULL)
      g_error ("the checker did not report “%s” in:\n%s\nIt said:%s", expected[i], ui, text);
  if (expected[0] == NULL && problems->len > 0)
    g_error ("the checker found problems in a correct layout:%s", text);
}

static void
test_layout_check_correct (void)
{
  g_autoptr(IpsFormDefinition) form = tiny_definition ();
  const char *expected[] = { NULL };

  assert_problems (form,
                   UI_BEGIN
                   SECTION ("first", LINE (PLACE ("IpsField", "name") PLACE ("IpsField", "born"))
                                     PLACE ("IpsRowsEditor", "jobs"))
                   SECTION ("second", SECOND_OK)
                   UI_END,
                   expected);
}

/* One layout with a missing, a duplicated and an unknown key: each is reported. */
static void
test_layout_check_broken (void)
{
  g_autoptr(IpsFormDefinition) form = tiny_definition ();
  const char *expected[] = {
    "“born” is not placed",
    "“name” is placed 2 times",
    "unknown key “nickname” (IpsField)",
    NULL
  };

  assert_problems (form,
                   UI_BEGIN
                   SECTION ("first", PLACE ("IpsField", "name") PLACE ("IpsField", "nickname")
                                     PLACE ("IpsField", "name") PLACE ("IpsRowsEditor", "jobs"))
                   SECTION ("second", SECOND_OK)
                   UI_END,
                   expected);
}

/* Each other kind of mistake, alone. */
static void
test_layout_check_mistakes (void)
{
  g_autoptr(IpsFormDefinition) form = tiny_definition ();
  static const struct
  {
    const char *ui;
    const char *expected;
  } cases[] = {
    { UI_BEGIN SECTION ("first", PLACE ("IpsField", "name") PLACE ("IpsField", "born")
                                 PLACE ("IpsField", "jobs"))
      SECTION ("second", SECOND_OK) UI_END,
      "“jobs” is a rows field but placed in an IpsField, not an IpsRowsEditor" },
    { UI_BEGIN SECTION ("first", FIRST_OK)
      SECTION ("second", PLACE ("IpsField", "story") PLACE ("IpsRowsEditor", "ideas")) UI_END,
      "“ideas” is a points field but placed in an IpsRowsEditor, not an IpsPointsList" },
    { UI_BEGIN SECTION ("first", FIRST_OK PLACE ("IpsField", "story"))
      SECTION ("second", PLACE ("IpsPointsList", "ideas")) UI_END,
      "“story” is in section “first” but declared in “second”" },
    { UI_BEGIN SECTION ("first", FIRST_OK) PLACE ("IpsField", "story")
      SECTION ("second", PLACE ("IpsPointsList", "ideas")) UI_END,
      "“story” is outside any section" },
    { UI_BEGIN SECTION ("second", SECOND_OK) SECTION ("first", FIRST_OK) UI_END,
      "section “first” comes after “second” but is declared before it" },
    { UI_BEGIN SECTION ("first", FIRST_OK SECOND_OK) UI_END,
      "section “second” is not placed" },
    { UI_BEGIN SECTION ("first", FIRST_OK) SECTION ("second", SECOND_OK) SECTION ("first", "") UI_END,
      "section “first” is placed twice" },
    { UI_BEGIN SECTION ("first", FIRST_OK SECTION ("second", SECOND_OK)) UI_END,
      "section “second” is inside section “first”" },
    { UI_BEGIN SECTION ("first", FIRST_OK) SECTION ("third", "") SECTION ("second", SECOND_OK) UI_END,
      "unknown section “third”" },
    { UI_BEGIN SECTION ("first", PLACE ("IpsField", "born") PLACE ("IpsField", "name")
                                 PLACE ("IpsRowsEditor", "jobs"))
      SECTION ("second", SECOND_OK) UI_END,
      "“name” comes after “born” but is declared before it" },
    { UI_BEGIN SECTION ("first", FIRST_OK)
      SECTION ("second", LINE (PLACE ("IpsField", "story") PLACE ("IpsPointsList", "ideas"))) UI_END,
      "“story” (long) shares a line with other fields" },
    { UI_BEGIN SECTION ("first", FIRST_OK "<child><object class='IpsField'/></child>")
      SECTION ("second", SECOND_OK) UI_END,
      "an IpsField without a key" },
    { "<object class='GtkBox' id='form'/>",
      "the root element is not <interface>" },
    { "<interface><object class='GtkBox' id='form'/><object class='GtkLabel'/></interface>",
      "2 top-level objects" },
    { "<interface><object class='GtkBox' id='page'>"
      SECTION ("first", FIRST_OK) SECTION ("second", SECOND_OK) UI_END,
      "the top-level object’s id is “page”, not “form”" },
    { UI_BEGIN SECTION ("first", FIRST_OK) SECTION ("second", SECOND_OK),
      "not well-formed XML" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *expected[] = { cases[i].expected, NULL };

      assert_problems (form, cases[i].ui, expected);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(IpsFormCatalog) catalog = NULL;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ui/layout/check/correct", test_layout_check_correct);
  g_test_add_func ("/ui/layout/check/broken", test_layout_check_broken);
  g_test_add_func ("/ui/layout/check/mistakes", test_layout_check_mistakes);
  g_test_add_func ("/ui/layout/no-strays", test_layout_no_strays);

  catalog = ips_test_catalog ();
  for (guint i = 0; i < ips_form_catalog_get_n_forms (catalog); i++)
    {
      const char *form_id = ips_form_definition_get_id (ips_form_catalog_get_form (catalog, i));
      g_autofree char *path = g_strconcat ("/ui/layout/", form_id, NULL);

      g_test_add_data_func_full (path, g_strdup (form_id), test_layout_form, g_free);
    }

  return g_test_run ();
}
