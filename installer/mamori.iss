; Inno Setup 6 script: a per-user installer for the one-folder bundle in dist\Mamori.
; Saved as UTF-8 with a BOM so Inno Setup before 6.3 reads the Japanese messages right.
;
;   iscc /DMyAppVersion=0.1.0 installer\mamori.iss      -> dist\installer\Mamori-0.1.0-setup.exe
;
; Build dist\Mamori first (docs/windows.md). The version comes from app/__init__.py; the Windows
; workflow passes it with /DMyAppVersion. No administrator rights are needed or asked for: the
; program goes to %LOCALAPPDATA%\Programs\Mamori, the Start-menu entry to the user's own menu.
; The workspace, settings and logs live elsewhere (%LOCALAPPDATA%\Mamori, written by the app, not
; by this installer), so uninstalling never touches them.

#ifndef MyAppVersion
  #define MyAppVersion "0.0.0-dev"
#endif
#define MyAppName "Mamori"
#define MyAppExeName "Mamori.exe"

[Setup]
; The AppId identifies Mamori to Windows across versions (upgrades, uninstall): never change it.
AppId={{6E6FCAFE-30B7-45A5-B0D6-39012357C971}
AppName={#MyAppName}
AppVersion={#MyAppVersion}
AppVerName={#MyAppName} {#MyAppVersion}
AppPublisher={#MyAppName}
VersionInfoTextVersion={#MyAppVersion}
VersionInfoProductTextVersion={#MyAppVersion}
PrivilegesRequired=lowest
DefaultDirName={userpf}\{#MyAppName}
DefaultGroupName={#MyAppName}
DisableProgramGroupPage=yes
DisableDirPage=auto
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir=..\dist\installer
OutputBaseFilename={#MyAppName}-{#MyAppVersion}-setup
SetupIconFile=..\resources\icons\mamori.ico
UninstallDisplayIcon={app}\{#MyAppExeName}
UninstallDisplayName={#MyAppName} {#MyAppVersion}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; Close a running Mamori before replacing its files (Windows Restart Manager).
CloseApplications=yes
RestartApplications=no

[Languages]
Name: "japanese"; MessagesFile: "compiler:Languages\Japanese.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
japanese.DataKept=作業データ（ワークスペース・設定・ログ）は削除していません:%n%1%n%n不要になった場合は、このフォルダーを手動で削除してください。記憶したパスフレーズは Windows の資格情報マネージャーに「Mamori workspace」として残っています。
english.DataKept=Your workspace, settings and logs were kept:%n%1%n%nDelete that folder yourself if you no longer need it. Remembered passphrases stay in Windows Credential Manager as "Mamori workspace".

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; An upgrade replaces the whole bundle, so no file of an older version lingers in _internal.
; Only program files live under {app}: Mamori writes nothing next to its executable.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "..\dist\Mamori\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#MyAppName}"; Filename: "{app}\{#MyAppExeName}"
Name: "{autodesktop}\{#MyAppName}"; Filename: "{app}\{#MyAppExeName}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#MyAppExeName}"; Description: "{cm:LaunchProgram,{#MyAppName}}"; Flags: nowait postinstall skipifsilent

; No [UninstallDelete]: the uninstaller removes exactly the files it installed, and the user data
; folder (%LOCALAPPDATA%\Mamori) is not among them.

[Code]
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  DataDir: String;
begin
  if CurUninstallStep = usPostUninstall then
  begin
    DataDir := ExpandConstant('{localappdata}\{#MyAppName}');
    if DirExists(DataDir) and not UninstallSilent then
      MsgBox(FmtMessage(CustomMessage('DataKept'), [DataDir]), mbInformation, MB_OK);
  end;
end;
