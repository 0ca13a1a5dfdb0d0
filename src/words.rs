//! Every word Keyshift reads pages by, in every language it ships (English, Spanish,
//! German, French, Dutch): key and token labels, Done controls, reveal headings, column
//! headers, month names, relative dates. One table per concept, one column per language;
//! `tests` checks every concept has words in every language and that each is written
//! the way `fold` writes text.
//!
//! Pages read through a browser's own translation arrive in these languages too, so a
//! page translated into Spanish reads like a Spanish page.

/// The languages Keyshift reads and speaks: the columns of every table.
#[cfg(test)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    En,
    Es,
    De,
    Fr,
    Nl,
}

#[cfg(test)]
impl Lang {
    pub const ALL: [Lang; 5] = [Lang::En, Lang::Es, Lang::De, Lang::Fr, Lang::Nl];

    /// The language of a BCP 47 tag (`de-AT` is German), if Keyshift reads it.
    pub fn of_tag(tag: &str) -> Option<Lang> {
        let primary = tag.split(['-', '_']).next()?.to_ascii_lowercase();
        Lang::ALL.into_iter().find(|l| l.code() == primary)
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Es => "es",
            Lang::De => "de",
            Lang::Fr => "fr",
            Lang::Nl => "nl",
        }
    }
}

/// One concept's words, per language, already folded (see `fold`).
#[derive(Debug)]
pub struct Words {
    /// The concept's name, for the completeness test's messages.
    pub concept: &'static str,
    by_lang: [&'static [&'static str]; 5],
}

impl Words {
    #[cfg(test)]
    pub fn in_lang(&self, lang: Lang) -> &'static [&'static str] {
        self.by_lang[lang as usize]
    }

    /// Every word of the concept, in every language.
    pub fn all(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.by_lang.iter().flat_map(|l| l.iter().copied())
    }

    /// Whether folded `text` contains one of the words, as whole words.
    pub fn in_text(&self, folded: &str) -> bool {
        WordStarts::new(folded).has(self)
    }

    /// Whether folded `text`, stripped of punctuation at its ends, is one of the words.
    pub fn is(&self, folded: &str) -> bool {
        let bare = folded.trim_matches(|c: char| !c.is_alphanumeric());
        self.all().any(|w| bare == w)
    }
}

macro_rules! vocabulary {
    ($($(#[$doc:meta])* $name:ident { en: $en:tt, es: $es:tt, de: $de:tt, fr: $fr:tt, nl: $nl:tt $(,)? })*) => {
        $($(#[$doc])* pub const $name: Words = Words { concept: stringify!($name), by_lang: [&$en, &$es, &$de, &$fr, &$nl] };)*
        /// Every concept, for the completeness test and the report's allowed words.
        pub const ALL: &[&Words] = &[$(&$name),*];
    };
}

vocabulary! {
    /// In a label, header, field name or the text just before a value: it is an API key.
    KEY_LABEL {
        en: ["api key", "api_key", "apikey", "api-key", "legacy key", "legacy"],
        es: ["clave de api", "clave api", "clave de la api", "llave de api", "heredada"],
        de: ["api-schlussel", "api schlussel", "api-key", "veraltet", "veralteter"],
        fr: ["cle api", "cle d'api", "cle de l'api", "cle de api", "ancienne cle"],
        nl: ["api-sleutel", "api sleutel", "api-key", "verouderde sleutel"],
    }
    /// A token column or label; a UUID under it is the legacy key the list still shows.
    TOKEN_LABEL {
        en: ["token", "tokens", "api token"],
        es: ["token", "tokens", "token de api"],
        de: ["token", "tokens", "api-token"],
        fr: ["jeton", "jetons", "token", "jeton api"],
        nl: ["token", "tokens", "api-token"],
    }
    /// In the same places: the value is something else. Wins over `KEY_LABEL`.
    NOT_KEY_LABEL {
        en: ["asset", "guid", "serial", "attachment", "device", "ticket", "invoice", "uuid"],
        es: ["activo", "guid", "numero de serie", "adjunto", "dispositivo", "ticket", "factura", "uuid"],
        de: ["anlage", "guid", "seriennummer", "anhang", "gerat", "ticket", "rechnung", "uuid"],
        fr: ["actif", "guid", "numero de serie", "piece jointe", "appareil", "ticket", "facture", "uuid"],
        nl: ["asset", "guid", "serienummer", "bijlage", "apparaat", "ticket", "factuur", "uuid"],
    }
    /// The control that leaves a reveal for good, in order of preference within a language.
    DONE_CONTROL {
        en: ["done", "i've copied it", "i have copied it", "i've saved it", "finish", "finished"],
        es: ["listo", "hecho", "terminado", "finalizar", "ya lo copie"],
        de: ["fertig", "erledigt", "abschliessen", "ich habe es kopiert"],
        fr: ["termine", "j'ai copie", "terminer", "c'est fait"],
        nl: ["klaar", "gereed", "voltooien", "ik heb het gekopieerd"],
    }
    /// Controls that also leave a reveal, but only count when no `DONE_CONTROL` is there.
    CLOSE_CONTROL {
        en: ["close", "continue", "ok"],
        es: ["cerrar", "continuar", "aceptar"],
        de: ["schliessen", "weiter", "ok"],
        fr: ["fermer", "continuer", "ok"],
        nl: ["sluiten", "doorgaan", "ok"],
    }
    /// A heading or title that says a token was just made.
    REVEAL_HEADING {
        en: ["api token created", "token created", "token generated", "your new api token", "your new token", "new token created"],
        es: ["token de api creado", "token creado", "token generado", "su nuevo token"],
        de: ["api-token erstellt", "token erstellt", "token wurde erstellt", "token generiert", "ihr neues api-token", "ihr neues token"],
        fr: ["jeton api cree", "jeton cree", "jeton genere", "votre nouveau jeton"],
        nl: ["api-token aangemaakt", "token aangemaakt", "token gemaakt", "token gegenereerd", "uw nieuwe api-token", "uw nieuwe token"],
    }
    /// Text beside a token that says it is shown this once.
    ONCE_TEXT {
        en: ["copy it now", "copy this token now", "copy the key and save it", "won't be shown again", "will not be shown again",
             "won't be able to see it", "will not be able to see it", "only shown once", "only be shown once", "shown only once",
             "shown once", "not be displayed again", "won't be displayed again", "will not be displayed again"],
        es: ["copielo ahora", "copie este token ahora", "no se volvera a mostrar", "no volvera a mostrarse", "solo se muestra una vez",
             "solo se mostrara una vez", "no podra verlo de nuevo", "no podra volver a verlo"],
        de: ["kopieren sie es jetzt", "kopieren sie dieses token jetzt", "kopieren sie das token jetzt", "nicht erneut angezeigt",
             "nicht noch einmal angezeigt", "nur einmal angezeigt", "nur einmal sichtbar", "nicht wieder angezeigt"],
        fr: ["copiez-le maintenant", "copiez ce jeton maintenant", "ne sera plus affiche", "ne sera affiche qu'une fois",
             "affiche une seule fois", "ne pourrez plus le voir", "ne sera pas affiche a nouveau"],
        nl: ["kopieer het nu", "kopieer dit token nu", "niet opnieuw getoond", "niet nogmaals getoond",
             "slechts een keer getoond", "maar een keer getoond", "eenmalig getoond", "niet meer zien"],
    }
    /// A column header or label of the date a token stops working.
    EXPIRES_HEADER {
        en: ["expires", "expiration", "expiry", "valid until", "expires at", "expires on"],
        es: ["caduca", "caducidad", "vence", "vencimiento", "expira", "expiracion", "valido hasta"],
        de: ["lauft ab", "ablauf", "ablaufdatum", "gultig bis", "verfallt", "ablaufzeit", "verfallsdatum"],
        fr: ["expire", "expiration", "date d'expiration", "valide jusqu'au", "valable jusqu'au"],
        nl: ["verloopt", "vervaldatum", "verloopdatum", "geldig tot", "vervalt"],
    }
    /// A column header of a token's name (in the token list).
    NAME_HEADER {
        en: ["name", "token name", "description", "label"],
        es: ["nombre", "nombre del token", "descripcion"],
        de: ["name", "bezeichnung", "tokenname", "beschreibung"],
        fr: ["nom", "nom du jeton", "description", "libelle"],
        nl: ["naam", "tokennaam", "omschrijving", "beschrijving"],
    }
    /// A column header of what a token may do.
    PERMISSIONS_HEADER {
        en: ["permissions", "scopes", "access", "rights"],
        es: ["permisos", "alcance", "acceso"],
        de: ["berechtigungen", "rechte", "zugriff"],
        fr: ["autorisations", "permissions", "droits", "acces"],
        nl: ["rechten", "machtigingen", "toegang", "bevoegdheden"],
    }
    /// A permissions cell that says the token may do everything.
    ALL_PERMISSIONS {
        en: ["all", "all permissions", "full access", "everything", "admin"],
        es: ["todos", "todos los permisos", "acceso total", "acceso completo"],
        de: ["alle", "alle berechtigungen", "vollzugriff", "voller zugriff"],
        fr: ["toutes", "toutes les autorisations", "tous", "acces complet", "acces total"],
        nl: ["alle", "alle rechten", "volledige toegang", "alles"],
    }
    /// An expiry cell that says the token never expires.
    NEVER_EXPIRES {
        en: ["never", "no expiration", "does not expire", "doesn't expire", "none", "n/a"],
        es: ["nunca", "sin caducidad", "sin vencimiento", "no caduca", "no vence", "ninguna"],
        de: ["nie", "niemals", "unbegrenzt", "kein ablauf", "lauft nicht ab", "keine"],
        fr: ["jamais", "aucune", "sans expiration", "n'expire pas", "illimite"],
        nl: ["nooit", "geen", "verloopt niet", "onbeperkt", "geen vervaldatum"],
    }
    /// The New Token form: headings and controls.
    NEW_TOKEN {
        en: ["new api token", "new token", "create api token", "custom permissions", "prebuilt"],
        es: ["nuevo token de api", "nuevo token", "crear token de api", "permisos personalizados", "predefinido"],
        de: ["neues api-token", "neues token", "api-token erstellen", "benutzerdefinierte berechtigungen", "vorgefertigt"],
        fr: ["nouveau jeton api", "nouveau jeton", "creer un jeton api", "autorisations personnalisees", "predefini"],
        nl: ["nieuwe api-token", "nieuw token", "api-token aanmaken", "aangepaste machtigingen", "kant-en-klaar"],
    }
    /// The token list's control that opens the New Token form.
    NEW_TOKEN_CONTROL {
        en: ["new token", "new api token", "add token"],
        es: ["nuevo token", "agregar token"],
        de: ["neues token", "token hinzufugen"],
        fr: ["nouveau jeton", "ajouter un jeton"],
        nl: ["nieuw token", "nieuwe token", "token toevoegen"],
    }
    /// The control that submits the New Token form.
    CREATE_TOKEN_CONTROL {
        en: ["create api token", "create token", "generate token", "create"],
        es: ["crear token de api", "crear token", "generar token", "crear"],
        de: ["api-token erstellen", "token erstellen", "token generieren", "erstellen"],
        fr: ["creer un jeton api", "creer le jeton", "creer un jeton", "generer un jeton", "creer"],
        nl: ["api-token aanmaken", "token aanmaken", "token genereren", "aanmaken"],
    }
    /// The token management list.
    TOKEN_LIST {
        en: ["api tokens"],
        es: ["tokens de api", "tokens api"],
        de: ["api-tokens", "api-token verwalten"],
        fr: ["jetons api", "jetons d'api"],
        nl: ["api-tokens"],
    }
    /// The user's profile page.
    PROFILE {
        en: ["profile", "password", "my account"],
        es: ["perfil", "contrasena", "mi cuenta"],
        de: ["profil", "passwort", "kennwort", "mein konto"],
        fr: ["profil", "mot de passe", "mon compte"],
        nl: ["profiel", "wachtwoord", "mijn account"],
    }
    /// Controls of the profile page.
    PROFILE_CONTROL {
        en: ["reset api key", "update profile", "change password"],
        es: ["restablecer clave de api", "actualizar perfil", "cambiar contrasena"],
        de: ["api-schlussel zurucksetzen", "profil aktualisieren", "passwort andern"],
        fr: ["reinitialiser la cle api", "mettre a jour le profil", "changer le mot de passe"],
        nl: ["api-sleutel opnieuw instellen", "profiel bijwerken", "wachtwoord wijzigen"],
    }
    /// A form field for a credential other than the words of `KEY_LABEL` and `TOKEN_LABEL`.
    CREDENTIAL_LABEL {
        en: ["access token", "api secret", "secret key", "authorization", "bearer", "personal access token"],
        es: ["token de acceso", "secreto de api", "clave secreta", "autorizacion"],
        de: ["zugriffstoken", "api-geheimnis", "geheimer schlussel", "autorisierung"],
        fr: ["jeton d'acces", "secret api", "cle secrete", "autorisation"],
        nl: ["toegangstoken", "api-geheim", "geheime sleutel", "autorisatie"],
    }
    /// A form field for the account's subdomain (`acme` of `acme.repairshopr.com`).
    SUBDOMAIN_LABEL {
        en: ["subdomain", "sub-domain", "sub domain", "account subdomain"],
        es: ["subdominio"],
        de: ["subdomain", "subdomane"],
        fr: ["sous-domaine", "sous domaine"],
        nl: ["subdomein"],
    }
    /// A form field for the API's address, whoever's it is: only ever offered beside a
    /// RepairShopr/Syncro token field (`fill::subdomain`).
    API_ADDRESS_LABEL {
        en: ["base url", "api url", "api base", "api endpoint", "instance url"],
        es: ["url base", "url de la api"],
        de: ["basis-url", "basis url", "api-url", "api url"],
        fr: ["url de base", "url de l'api"],
        nl: ["basis-url", "basis url", "api-url", "api url"],
    }
    /// A word for an address of any kind ("Slack webhook URL"): an account's only when the
    /// field also names RepairShopr or Syncro, or its example is one of their hosts.
    ADDRESS_WORD {
        en: ["url", "host", "hostname", "domain", "address", "endpoint"],
        es: ["url", "dominio", "direccion"],
        de: ["url", "hostname", "domain", "adresse"],
        fr: ["url", "domaine", "adresse"],
        nl: ["url", "domein", "adres", "hostnaam"],
    }
    /// A label for a token's name.
    NAME_LABEL {
        en: ["name", "token name", "description"],
        es: ["nombre", "nombre del token", "descripcion"],
        de: ["name", "bezeichnung", "beschreibung"],
        fr: ["nom", "nom du jeton", "description"],
        nl: ["naam", "omschrijving", "beschrijving"],
    }
    /// A control that copies something.
    COPY_CONTROL {
        en: ["copy", "copy to clipboard"],
        es: ["copiar", "copiar al portapapeles"],
        de: ["kopieren", "in die zwischenablage kopieren"],
        fr: ["copier", "copier dans le presse-papiers"],
        nl: ["kopieren", "naar klembord kopieren"],
    }
    /// Around a value: it is an example in documentation, not a fresh token.
    SAMPLE_TEXT {
        en: ["example", "sample", "for example", "e.g", "placeholder", "your_token", "your-token", "<token>"],
        es: ["ejemplo", "por ejemplo", "muestra"],
        de: ["beispiel", "zum beispiel", "z.b", "muster"],
        fr: ["exemple", "par exemple", "echantillon"],
        nl: ["voorbeeld", "bijvoorbeeld", "bijv"],
    }
    /// Pages that explain the API: documentation, help and knowledge-base articles.
    DOCS_PAGE {
        en: ["api documentation", "documentation", "api reference", "knowledge base", "help center", "help article",
             "getting started", "authentication", "how to", "guide"],
        es: ["documentacion", "referencia de la api", "base de conocimientos", "centro de ayuda", "articulo", "guia"],
        de: ["dokumentation", "api-referenz", "wissensdatenbank", "hilfe-center", "hilfeartikel", "anleitung"],
        fr: ["documentation", "reference de l'api", "base de connaissances", "centre d'aide", "article", "guide"],
        nl: ["documentatie", "api-referentie", "kennisbank", "helpcentrum", "artikel", "handleiding"],
    }
    /// Places where people write to each other: tickets, comments, chat.
    DISCUSSION {
        en: ["ticket", "comment", "comments", "reply", "replied", "wrote", "conversation", "chat", "message", "private note",
             "customer reply", "public note"],
        es: ["ticket", "comentario", "comentarios", "respuesta", "respondio", "escribio", "conversacion", "mensaje"],
        de: ["ticket", "kommentar", "kommentare", "antwort", "antwortete", "schrieb", "unterhaltung", "nachricht"],
        fr: ["ticket", "commentaire", "commentaires", "reponse", "a repondu", "a ecrit", "conversation", "message"],
        nl: ["ticket", "opmerking", "reactie", "reacties", "antwoordde", "schreef", "gesprek", "bericht"],
    }
    /// Pages that echo what they were asked for: not found, search results.
    ECHO_PAGE {
        en: ["not found", "page not found", "404", "no results", "search results", "results for", "could not be found"],
        es: ["no encontrada", "no encontrado", "pagina no encontrada", "resultados de busqueda", "sin resultados"],
        de: ["nicht gefunden", "seite nicht gefunden", "suchergebnisse", "keine ergebnisse"],
        fr: ["introuvable", "page non trouvee", "page introuvable", "resultats de recherche", "aucun resultat"],
        nl: ["niet gevonden", "pagina niet gevonden", "zoekresultaten", "geen resultaten"],
    }
    /// Relative dates: today.
    TODAY { en: ["today"], es: ["hoy"], de: ["heute"], fr: ["aujourd'hui"], nl: ["vandaag"] }
    /// Relative dates: tomorrow.
    TOMORROW { en: ["tomorrow"], es: ["manana"], de: ["morgen"], fr: ["demain"], nl: ["morgen"] }
    /// Relative dates: yesterday.
    YESTERDAY { en: ["yesterday"], es: ["ayer"], de: ["gestern"], fr: ["hier"], nl: ["gisteren"] }
    /// Relative dates: what comes before a future amount ("in 5 days").
    FUTURE_BEFORE { en: ["in"], es: ["en", "dentro de"], de: ["in"], fr: ["dans"], nl: ["over", "binnen"] }
    /// Relative dates: what comes before a past amount ("vor 2 Tagen", "hace 2 días").
    PAST_BEFORE { en: [], es: ["hace"], de: ["vor"], fr: ["il y a"], nl: [] }
    /// Relative dates: what comes after a past amount ("2 days ago").
    PAST_AFTER { en: ["ago"], es: [], de: [], fr: [], nl: ["geleden"] }
    /// Relative dates: "a"/"one" written as a word ("in a week").
    ONE { en: ["a", "an", "one"], es: ["un", "una"], de: ["einem", "einer", "ein", "eine"], fr: ["un", "une"], nl: ["een"] }
    /// Relative units: day.
    UNIT_DAY { en: ["day", "days"], es: ["dia", "dias"], de: ["tag", "tage", "tagen"], fr: ["jour", "jours"], nl: ["dag", "dagen"] }
    /// Relative units: week.
    UNIT_WEEK { en: ["week", "weeks"], es: ["semana", "semanas"], de: ["woche", "wochen"], fr: ["semaine", "semaines"], nl: ["week", "weken"] }
    /// Relative units: month.
    UNIT_MONTH { en: ["month", "months"], es: ["mes", "meses"], de: ["monat", "monate", "monaten"], fr: ["mois"], nl: ["maand", "maanden"] }
    /// Relative units: year.
    UNIT_YEAR { en: ["year", "years"], es: ["ano", "anos"], de: ["jahr", "jahre", "jahren"], fr: ["an", "ans", "annee", "annees"], nl: ["jaar", "jaren"] }
}

/// Beside a value, these mark a code sample in any language: a command line, an HTTP
/// header, a query parameter.
pub const CODE_MARKERS: &[&str] = &[
    "curl",
    "authorization:",
    "authorization",
    "bearer",
    "-h",
    "--header",
    "api_key=",
    "x-api-key",
    "?api_key",
    "wget",
    "fetch(",
    "requests.get",
    "http/1.1",
];

/// Words in class names that say people write to each other there.
pub const DISCUSSION_CLASSES: &[&str] =
    &["comment", "reply", "replies", "message", "chat", "conversation", "thread", "ticket", "timeline", "quote"];

/// Month names and their abbreviations, January first, folded.
pub const MONTHS: [[&[&str]; 5]; 12] = [
    [&["jan", "january"], &["ene", "enero"], &["jan", "januar", "janner"], &["janv", "janvier"], &["jan", "januari"]],
    [&["feb", "february"], &["feb", "febrero"], &["feb", "februar"], &["fevr", "fev", "fevrier"], &["feb", "februari"]],
    [&["mar", "march"], &["mar", "marzo"], &["mar", "marz", "maerz"], &["mars"], &["mrt", "maart"]],
    [&["apr", "april"], &["abr", "abril"], &["apr", "april"], &["avr", "avril"], &["apr", "april"]],
    [&["may"], &["may", "mayo"], &["mai"], &["mai"], &["mei"]],
    [&["jun", "june"], &["jun", "junio"], &["jun", "juni"], &["juin"], &["jun", "juni"]],
    [&["jul", "july"], &["jul", "julio"], &["jul", "juli"], &["juil", "juillet"], &["jul", "juli"]],
    [&["aug", "august"], &["ago", "agosto"], &["aug", "august"], &["aout"], &["aug", "augustus"]],
    [
        &["sep", "sept", "september"],
        &["sep", "sept", "septiembre", "setiembre"],
        &["sep", "sept", "september"],
        &["sept", "septembre"],
        &["sep", "sept", "september"],
    ],
    [&["oct", "october"], &["oct", "octubre"], &["okt", "oktober"], &["oct", "octobre"], &["okt", "oktober"]],
    [&["nov", "november"], &["nov", "noviembre"], &["nov", "november"], &["nov", "novembre"], &["nov", "november"]],
    [&["dec", "december"], &["dic", "diciembre"], &["dez", "dezember"], &["dec", "decembre"], &["dec", "december"]],
];

/// The month a folded word names (`"sept."`, `"März"` folded to `"marz"`), 1 to 12.
pub fn month_named(word: &str) -> Option<u32> {
    let word = word.trim_end_matches('.');
    MONTHS.iter().position(|names| names.iter().any(|l| l.contains(&word))).map(|i| i as u32 + 1)
}

mod text;
pub use text::{contains_words, fold, WordStarts};

#[cfg(test)]
mod tests;
