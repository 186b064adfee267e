; Inno Setup 6 script: the Windows installation of Angebotslotse.
;
; Build the bundle first (see installer/README.md), then from the repository root:
;     iscc /DAppVersion=0.1.0 installer\angebotslotse.iss
; Result: build\installer\Angebotslotse-<version>-setup.exe
;
; Per machine by default (IT, software distribution): program files in
; %ProgramFiles%\Angebotslotse, start-menu entry for all users, uninstaller. /CURRENTUSER (or the
; dialog) installs for one user without administrator rights instead.
; Silent: /VERYSILENT /SUPPRESSMSGBOXES /NORESTART [/DIR="..."] [/PRESET="\\server\share\preset"]
; /PRESET copies a preset folder (preset.toml, keys\*.pub, logo) to
; %ProgramData%\Kreis Coesfeld\Angebotslotse\preset, where every user's program reads it.
; Each user's data (database, Merkliste, notes, logs) lives in
; %LOCALAPPDATA%\Kreis Coesfeld\Angebotslotse: an update never touches it, and the
; uninstaller removes it only when asked (interactive question, default No; silently only with
; /PURGEDATA, and only for the user who runs the uninstaller).

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
; per machine; /CURRENTUSER or the dialog may choose a per-user install without elevation
PrivilegesRequired=admin
PrivilegesRequiredOverridesAllowed=commandline dialog
DefaultDirName={autopf}\{#AppName}
UsePreviousAppDir=yes
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

; the machine-wide preset, when IT passes /PRESET=<folder> (see installer/README.md)
Source: "{param:PRESET}\*"; DestDir: "{commonappdata}\Kreis Coesfeld\{#AppName}\preset"; Flags: external recursesubdirs createallsubdirs ignoreversion skipifsourcedoesntexist; Check: HasPreset

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

; No [UninstallDelete] section on purpose: only files this setup installed are removed; the
; user's own data goes only when asked (see CurUninstallStepChanged).

[CustomMessages]
german.PurgeData=Sollen auch Ihre eigenen Daten von Angebotslotse gelöscht werden (Merkliste, Notizen, Einstellungen, Verlauf)?%n%nWählen Sie „Nein“, wenn Sie das Programm später wieder installieren möchten.
english.PurgeData=Also delete your own Angebotslotse data (saved list, notes, settings, history)?%n%nChoose "No" if you want to install the program again later.

[Code]
function HasPreset: Boolean;
begin
  Result := ExpandConstant('{param:PRESET|}') <> '';
end;

function HasSwitch(const Name: String): Boolean;
var
  I: Integer;
begin
  Result := False;
  for I := 1 to ParamCount do
    if CompareText(ParamStr(I), Name) = 0 then
      Result := True;
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  DataDir: String;
  Purge: Boolean;
begin
  if CurUninstallStep <> usPostUninstall then
    Exit;
  DataDir := ExpandConstant('{localappdata}\Kreis Coesfeld\{#AppName}');
  if not DirExists(DataDir) then
    Exit;
  if UninstallSilent then
    Purge := HasSwitch('/PURGEDATA')
  else
    Purge := MsgBox(CustomMessage('PurgeData'), mbConfirmation, MB_YESNO or MB_DEFBUTTON2) = IDYES;
  if Purge then
    DelTree(DataDir, True, True, True);
end;
