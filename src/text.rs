//! Every text the engine asks the shell to show, named by its `_locales` message id. The
//! shell renders them with `chrome.i18n`; `locales_tests` checks every locale has each
//! one, with the same placeholders.

use serde::{Serialize, Serializer};

/// One table makes the enum, `ALL`, the ids and the parameter counts, so a text cannot
/// be added without the locale check seeing it.
macro_rules! texts {
    ($($variant:ident => $id:literal, $params:literal;)*) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum TextId {
            $($variant),*
        }

        impl TextId {
            pub const ALL: &'static [TextId] = &[$(TextId::$variant),*];

            /// The message id in `_locales/*/messages.json`.
            pub fn id(self) -> &'static str {
                match self {
                    $(TextId::$variant => $id),*
                }
            }

            /// How many parameters the engine passes with it: the locale's `$1`..`$n`.
            pub fn params(self) -> usize {
                match self {
                    $(TextId::$variant => $params),*
                }
            }
        }
    };
}

texts! {
    LegacyKeyStopped => "legacyKeyStopped", 1;
    TokenExpired => "tokenExpired", 1;
    TokenExpiring => "tokenExpiring", 2;
    TokenExpiresToday => "tokenExpiresToday", 1;
    CapturedToken => "capturedToken", 2;
    CapturedTokenNoHold => "capturedTokenNoHold", 1;
    DoneWord => "doneWord", 0;
    KeptAfterDone => "keptAfterDone", 1;
    CreateWord => "createWord", 0;
    CopiedByYou => "copiedByYou", 1;
    CopiedByPage => "copiedByPage", 1;
    FillHint => "fillHint", 0;
    FillInto => "fillInto", 0;
    FillIntoLabel => "fillIntoLabel", 2;
    FillLooking => "fillLooking", 0;
    FillNoAccess => "fillNoAccess", 0;
    FillNone => "fillNone", 0;
    FillConfirm => "fillConfirm", 4;
    FillChoose => "fillChoose", 0;
    FillFieldUnnamed => "fillFieldUnnamed", 0;
    FieldHoldsLegacy => "fieldHoldsLegacy", 1;
    FillLegacyInField => "fillLegacyInField", 1;
    FillButton => "fillButton", 0;
    FillAlsoAddress => "fillAlsoAddress", 2;
    FilledAddress => "filledAddress", 2;
    FillMarkHere => "fillMarkHere", 0;
    Cancel => "cancel", 0;
    Filled => "filled", 1;
    FilledForgotten => "filledForgotten", 0;
    ForgetNow => "forgetNow", 0;
    FillChanged => "fillChanged", 0;
    FillRefused => "fillRefused", 0;
    Copied => "copied", 0;
    CopiedWillClear => "copiedWillClear", 1;
    CopyFailed => "copyFailed", 0;
    CopyFailedNoHold => "copyFailedNoHold", 0;
    CaptureRefused => "captureRefused", 0;
    CreateReplacementToken => "createReplacementToken", 0;
    CreatePrebuiltToken => "createPrebuiltToken", 1;
    ReplaceWithPrebuilt => "replaceWithPrebuilt", 1;
    ReplaceWithCustom => "replaceWithCustom", 1;
    ErrorMalformed => "errorMalformed", 0;
    ErrorTooLarge => "errorTooLarge", 0;
    ErrorNotAllowed => "errorNotAllowed", 0;
    ErrorUnknownCapture => "errorUnknownCapture", 0;
    ErrorNotHeld => "errorNotHeld", 0;
    ErrorHoldTooLong => "errorHoldTooLong", 0;
    ErrorClearDelay => "errorClearDelay", 0;
    ErrorTooManyHosts => "errorTooManyHosts", 0;
    ErrorHostShape => "errorHostShape", 0;
    CaptureLabel => "captureLabel", 0;
    CaptureHelp => "captureHelp", 0;
    HoldLabel => "holdLabel", 0;
    HoldHelp => "holdHelp", 0;
    ClearLabel => "clearLabel", 0;
    ClearHelp => "clearHelp", 0;
    ClearAfterLabel => "clearAfterLabel", 0;
    HostsLabel => "hostsLabel", 0;
    HostsHelp => "hostsHelp", 0;
    ForgetAfterFillLabel => "forgetAfterFillLabel", 0;
    ForgetAfterFillHelp => "forgetAfterFillHelp", 0;
    Locale => "locale", 0;
    NoAnswer => "noAnswer", 0;
    PopupTitle => "popupTitle", 0;
    PopupEmpty => "popupEmpty", 1;
    PopupEmptyHoldZero => "popupEmptyHoldZero", 0;
    PopupEmptyCaptureOff => "popupEmptyCaptureOff", 0;
    FromOtherTab => "fromOtherTab", 0;
    FromOtherSite => "fromOtherSite", 0;
    FromEarlierPage => "fromEarlierPage", 0;
    BadgeKept => "badgeKept", 1;
    BadgeFlagged => "badgeFlagged", 1;
    BadgeIdle => "badgeIdle", 0;
    PopupHereFlagged => "popupHereFlagged", 1;
    PopupHereClear => "popupHereClear", 0;
    PopupHereElsewhere => "popupHereElsewhere", 0;
    PopupWelcome => "popupWelcome", 0;
    WelcomeTitle => "welcomeTitle", 0;
    WelcomeIntro => "welcomeIntro", 0;
    WelcomeWhere => "welcomeWhere", 0;
    WelcomeNotes => "welcomeNotes", 0;
    WelcomeReveal => "welcomeReveal", 0;
    WelcomeToolbar => "welcomeToolbar", 1;
    WelcomePinTitle => "welcomePinTitle", 0;
    WelcomePin => "welcomePin", 0;
    WelcomePrivacy => "welcomePrivacy", 0;
    ForgetAll => "forgetAll", 0;
    ReportMissed => "reportMissed", 0;
    OpenOptions => "openOptions", 0;
    Copy => "copy", 0;
    CopyHeldLabel => "copyHeldLabel", 3;
    Forget => "forget", 0;
    ForgetHeldLabel => "forgetHeldLabel", 2;
    HeldUnnamed => "heldUnnamed", 0;
    CapturedAt => "capturedAt", 1;
    TimeLeft => "timeLeft", 1;
    CopiedMark => "copiedMark", 0;
    NotCopiedMark => "notCopiedMark", 0;
    FilledMark => "filledMark", 0;
    CopiedHeld => "copiedHeld", 1;
    CopiedHeldWillClear => "copiedHeldWillClear", 2;
    CopyFailedPopup => "copyFailedPopup", 0;
    Forgotten => "forgotten", 0;
    ForgetUncopied => "forgetUncopied", 0;
    ForgetAllUncopied => "forgetAllUncopied", 0;
    Keep => "keep", 0;
    LockedByPolicy => "lockedByPolicy", 0;
    OptionsTitle => "optionsTitle", 0;
    ManagedNote => "managedNote", 0;
    Save => "save", 0;
    Saved => "saved", 0;
    NotSaved => "notSaved", 0;
    HostRefused => "hostRefused", 2;
    HostProblemShape => "hostProblemShape", 0;
    HostProblemWildcard => "hostProblemWildcard", 0;
    HostProblemIp => "hostProblemIp", 0;
    HostProblemSuffix => "hostProblemSuffix", 0;
    HostProblemBeneath => "hostProblemBeneath", 0;
    HostProblemScheme => "hostProblemScheme", 0;
    HostProblemVendor => "hostProblemVendor", 0;
    AccessWillBeAsked => "accessWillBeAsked", 0;
    ClipboardDenied => "clipboardDenied", 0;
    HostsDenied => "hostsDenied", 0;
    SectionCapture => "sectionCapture", 0;
    SectionClipboard => "sectionClipboard", 0;
    SectionDomains => "sectionDomains", 0;
    SectionFilling => "sectionFilling", 0;
    GrantAccess => "grantAccess", 0;
    GrantAccessHelp => "grantAccessHelp", 0;
    GrantedAccess => "grantedAccess", 0;
    MoreActions => "moreActions", 1;
    ForgetUncopiedNamed => "forgetUncopiedNamed", 1;
    HeldGone => "heldGone", 2;
    SummaryTitle => "summaryTitle", 0;
    SummaryLegacy => "summaryLegacy", 1;
    SummaryExpired => "summaryExpired", 1;
    SummaryExpiring => "summaryExpiring", 1;
    HealthTitle => "healthTitle", 0;
    HealthAccount => "healthAccount", 4;
    HealthAllGood => "healthAllGood", 3;
    HealthLegacy => "healthLegacy", 1;
    HealthExpired => "healthExpired", 1;
    HealthExpiresDay => "healthExpiresDay", 1;
    HealthExpiresWeek => "healthExpiresWeek", 1;
    HealthExpiresMonth => "healthExpiresMonth", 1;
    HealthNever => "healthNever", 1;
    HealthAllPermissions => "healthAllPermissions", 1;
    HealthExport => "healthExport", 0;
    HealthExportLabel => "healthExportLabel", 1;
    HealthClear => "healthClear", 0;
    SectionReminders => "sectionReminders", 0;
    RemindLabel => "remindLabel", 0;
    RemindHelp => "remindHelp", 0;
    NotificationsDenied => "notificationsDenied", 0;
    ReminderTitle => "reminderTitle", 2;
    ReminderMonth => "reminderMonth", 2;
    ReminderWeek => "reminderWeek", 2;
    ReminderDay => "reminderDay", 1;
    ReminderExpired => "reminderExpired", 1;
    FillVendorMismatch => "fillVendorMismatch", 2;
    DismissedTitle => "dismissedTitle", 0;
    NoDismissed => "noDismissed", 0;
    DismissedItem => "dismissedItem", 2;
    DismissedItemOld => "dismissedItemOld", 0;
    Restore => "restore", 0;
    RestoreLabel => "restoreLabel", 1;
    RestoreLabelOld => "restoreLabelOld", 0;
    ReportIntro => "reportIntro", 0;
    ReportVerdictPlain => "reportVerdictPlain", 1;
    ReportExpected => "reportExpected", 0;
    ReportWhere => "reportWhere", 0;
    ReportShowShared => "reportShowShared", 0;
    ReportVerdict => "reportVerdict", 2;
    ReportNoPage => "reportNoPage", 0;
    CopyReport => "copyReport", 0;
    SaveReport => "saveReport", 0;
    ReportCopied => "reportCopied", 0;
    PageTokenList => "pageTokenList", 0;
    PageNewToken => "pageNewToken", 0;
    PageTokenReveal => "pageTokenReveal", 0;
    PageProfile => "pageProfile", 0;
    PageOther => "pageOther", 0;
}

impl Serialize for TextId {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.id())
    }
}
