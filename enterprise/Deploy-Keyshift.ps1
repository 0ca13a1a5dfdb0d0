<#
.SYNOPSIS
  Installs Keyshift in Chrome and Edge on this Windows machine and sets its options, by
  browser policy (the registry under HKLM:\SOFTWARE\Policies).

.DESCRIPTION
  Writes, for each browser whose extension id is given:
    - ExtensionSettings: Keyshift force-installed from its store (the user cannot remove it);
    - 3rdparty\extensions\<id>\policy: Keyshift's own settings (extension/managed_schema.json),
      only those given here; a value a policy sets is shown locked in Keyshift's options.
  Run it as SYSTEM or an administrator (an RMM or PSA script does). It changes nothing
  else, and -WhatIf shows what it would write. Running it again with other values
  replaces them; -Remove takes Keyshift's policy away again.

.EXAMPLE
  .\Deploy-Keyshift.ps1 -ChromeExtensionId <id> -EdgeExtensionId <id> -HoldMinutes 30 -ExtraHosts 'help.example.com'
#>
[CmdletBinding(SupportsShouldProcess = $true)]
param(
  # The store ids: Chrome Web Store and Edge Add-ons (each listing's address ends in it).
  [ValidatePattern('^[a-p]{32}$')][string] $ChromeExtensionId,
  [ValidatePattern('^[a-p]{32}$')][string] $EdgeExtensionId,
  [Nullable[bool]] $CaptureTokens,
  [ValidateRange(0, 1440)][Nullable[int]] $HoldMinutes,
  [Nullable[bool]] $ClearClipboard,
  [ValidateRange(10, 3600)][Nullable[int]] $ClearAfterSeconds,
  [ValidateCount(0, 50)][string[]] $ExtraHosts,
  [Nullable[bool]] $ForgetAfterFill,
  # Reminders need the notifications permission, which each technician grants once.
  [Nullable[bool]] $RemindBeforeExpiry,
  [switch] $Remove
)
$ErrorActionPreference = 'Stop'

$Browsers = @(
  @{ Id = $ChromeExtensionId; Root = 'HKLM:\SOFTWARE\Policies\Google\Chrome'; Update = 'https://clients2.google.com/service/update2/crx' },
  @{ Id = $EdgeExtensionId; Root = 'HKLM:\SOFTWARE\Policies\Microsoft\Edge'; Update = 'https://edge.microsoft.com/extensionwebstorebase/v1/crx' }
) | Where-Object { $_.Id }
if (-not $Browsers) { throw 'Give -ChromeExtensionId, -EdgeExtensionId or both.' }

# Keyshift's settings, named as its policy schema names them (extension/managed_schema.json).
$Settings = [ordered]@{
  captureTokens     = $CaptureTokens
  holdMinutes       = $HoldMinutes
  clearClipboard    = $ClearClipboard
  clearAfterSeconds = $ClearAfterSeconds
  forgetAfterFill   = $ForgetAfterFill
  remindBeforeExpiry = $RemindBeforeExpiry
}

function Set-Value($Path, $Name, $Value, $Type) {
  if ($PSCmdlet.ShouldProcess("$Path\$Name", "set $Type $Value")) {
    New-Item -Path $Path -Force | Out-Null
    New-ItemProperty -Path $Path -Name $Name -Value $Value -PropertyType $Type -Force | Out-Null
  }
}

foreach ($b in $Browsers) {
  $policy = "$($b.Root)\3rdparty\extensions\$($b.Id)\policy"
  # ExtensionSettings is one JSON value for every extension: Keyshift's entry is merged in.
  $current = (Get-ItemProperty -Path $b.Root -Name ExtensionSettings -ErrorAction SilentlyContinue).ExtensionSettings
  # (Windows PowerShell 5.1, which RMM agents run, has no ConvertFrom-Json -AsHashtable.)
  $all = @{}
  if ($current) { ($current | ConvertFrom-Json).PSObject.Properties | ForEach-Object { $all[$_.Name] = $_.Value } }
  if ($Remove) {
    $all.Remove($b.Id)
    if ($PSCmdlet.ShouldProcess($policy, 'remove')) { Remove-Item -Path "$($b.Root)\3rdparty\extensions\$($b.Id)" -Recurse -Force -ErrorAction SilentlyContinue }
  } else {
    $all[$b.Id] = @{ installation_mode = 'force_installed'; update_url = $b.Update }
    foreach ($name in $Settings.Keys) {
      $value = $Settings[$name]
      if ($null -eq $value) { continue }
      if ($value -is [bool]) { Set-Value $policy $name ([int]$value) DWord } else { Set-Value $policy $name $value DWord }
    }
    if ($PSBoundParameters.ContainsKey('ExtraHosts')) {
      # A list policy: one string value per entry, named 1, 2, 3… under its own key.
      if ($PSCmdlet.ShouldProcess("$policy\extraHosts", 'replace')) { Remove-Item -Path "$policy\extraHosts" -Recurse -Force -ErrorAction SilentlyContinue }
      for ($i = 0; $i -lt $ExtraHosts.Count; $i++) { Set-Value "$policy\extraHosts" ([string]($i + 1)) $ExtraHosts[$i] String }
    }
  }
  Set-Value $b.Root 'ExtensionSettings' ($all | ConvertTo-Json -Compress -Depth 4) String
}
Write-Output "Keyshift policy written for: $(($Browsers | ForEach-Object { $_.Root }) -join ', '). Browsers apply it within minutes, or at chrome://policy and edge://policy (Reload policies)."
