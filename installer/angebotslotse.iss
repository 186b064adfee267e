; Inno Setup 6 script: a per-user Windows installation of Angebotslotse (no administrator rights).
;
; Build the bundle first (see installer/README.md), then from the repository root:
;     iscc /DAppVersion=0.1.0 installer\angebotslotse.iss
; Result: build\installer\Angebotslotse-<version>-setup.exe
;
; Installs into %LOCALAPPDATA%\Programs\Angebotslotse with a start-menu entry and an
; uninstaller. The user's data (database, Merkliste, notes, logs) lives elsewhere, in
; %LOCALAPPDATA%\Kreis Coesfeld\Angebotslotse (or ANGEBOTSLOTSE_HOME); this script never
; names that folder, so neither an update nor the uninstaller touches it.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "Angebotslotse"
#define AppPublisher "Kreis Coesfeld"
#define AppExe "angebotslotse.exe"
#define BundleDir "..\build\dist\angebotslotse"

[Setup]
; The AppId identifies the installation for updates and uninstall: never change it.
AppId={{B9334619-0C82-4455-881E-E2DD70DD559F}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppPublisher}
; per user, no elevation prompt
PrivilegesRequired=lowest
DefaultDirName={localappdata}\Programs\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
DisableDirPage=auto
UninstallDisplayName={#AppName}
UninstallDisplayIcon={app}\{#AppExe}
OutputDir=..\build\installer
OutputBaseFilename={#AppName}-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
; a running Angebotslotse is closed (and restarted) through the Restart Manager on update
CloseApplications=yes
RestartApplications=yes
ShowLanguageDialog=auto

[Languages]
Name: "german"; MessagesFile: "compiler:Languages\German.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
; the whole one-folder bundle; the uninstaller removes exactly these files again
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

; No [UninstallDelete] section on purpose: only files this setup installed are removed.
